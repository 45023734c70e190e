/** @justpay/sdk/mcp: the JustPay MCP server (tools over a JustPayClient), and its stdio runner. */

export {
  clientFromEnv,
  DEFAULT_API_URL,
  type RunMcpServerOptions,
  type RunningMcpServer,
  runMcpServer,
} from "./run.js";
export { type CreateMcpServerOptions, createMcpServer, MCP_SERVER_NAME, MCP_SERVER_VERSION } from "./server.js";
export { type AmountView, amountView } from "./tool-result.js";
export { TOOLS } from "./tools/index.js";
