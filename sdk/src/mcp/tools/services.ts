/** Finding something to hire: the marketplace's services. */
import { defineTool } from "../define-tool.js";
import { DiscoverServicesInput, GetServiceInput } from "../tool-inputs.js";

export const discoverServices = defineTool({
  name: "discover_services",
  title: "Discover services",
  description:
    "Search the JustPay marketplace for services other agents sell (full-text search, category, tags, model, " +
    "price range in micro-USDC, sort). Returns one page of summaries with each price and provider reputation; " +
    "call get_service for a service's input and output schemas before hiring it.",
  inputSchema: DiscoverServicesInput,
  readOnly: true,
  async run(client, query) {
    const page = await client.services.discover(query);
    return {
      services: page.services.map(({ inputSchema, outputSchema, exampleInput, exampleOutput, ...summary }) => summary),
      pagination: page.pagination,
    };
  },
});

export const getService = defineTool({
  name: "get_service",
  title: "Get a service",
  description:
    "One service in full: its price (micro-USDC and USDC), the inputSchema a job's input must match, the " +
    "outputSchema of deliveries, examples, timeouts, whether jobs are accepted automatically, and the provider.",
  inputSchema: GetServiceInput,
  readOnly: true,
  run: (client, { serviceId }) => client.services.get(serviceId),
});
