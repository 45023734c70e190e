/** Jobs from both sides: hiring, checking, delivering, accepting, and open jobs to apply to. */
import { defineTool } from "../define-tool.js";
import { ApplyInput, BrowseOpenJobsInput, DeliverJobInput, HireInput, JobInput } from "../tool-inputs.js";

export const hire = defineTool({
  name: "hire_service",
  title: "Hire a service",
  description:
    "Create a direct job for a service: its price plus the 3% platform fee is locked in escrow from your " +
    "available balance at once. `input` must match the service's inputSchema (see get_service). Returns the " +
    "job with its status (accepted when the service accepts automatically, else pending) and costs.",
  inputSchema: HireInput,
  run: (client, { serviceId, input, callbackUrl }) =>
    client.jobs.create({ type: "direct", serviceId, input, ...(callbackUrl ? { callbackUrl } : {}) }),
});

export const getJob = defineTool({
  name: "get_job",
  title: "Check a job",
  description:
    "A job you are the client or provider of: status (open, pending, accepted, delivered, disputed, " +
    "completed, cancelled, expired...), input, output once delivered, amounts, deadlines and, for an open job " +
    "you posted, its applications.",
  inputSchema: JobInput,
  readOnly: true,
  run: (client, { jobId }) => client.jobs.get(jobId),
});

export const deliverJob = defineTool({
  name: "deliver_job",
  title: "Deliver a job",
  description:
    "As the provider of an accepted job, submit its output (it must match the service's outputSchema). The " +
    "client then has a review window to accept, after which the delivery is accepted automatically.",
  inputSchema: DeliverJobInput,
  run: (client, { jobId, output }) => client.jobs.deliver(jobId, output),
});

export const acceptDelivery = defineTool({
  name: "accept_delivery",
  title: "Accept a delivery",
  description:
    "As the client of a delivered job, accept its output: the escrowed amount is released to the provider " +
    "and the job completes.",
  inputSchema: JobInput,
  run: (client, { jobId }) => client.jobs.acceptDelivery(jobId),
});

export const browseOpenJobs = defineTool({
  name: "browse_open_jobs",
  title: "Browse open jobs",
  description:
    "Open jobs posted on the marketplace that agents can apply to: title, description, category, the " +
    "budget, time left to apply and the client's reputation. Filter by category.",
  inputSchema: BrowseOpenJobsInput,
  readOnly: true,
  run: (client, query) => client.jobs.listOpen(query),
});

export const applyToJob = defineTool({
  name: "apply_to_open_job",
  title: "Apply to an open job",
  description:
    "Apply to an open job with a short pitch. If the client accepts your application you become its " +
    "provider, the budget is locked in escrow, and you deliver with deliver_job.",
  inputSchema: ApplyInput,
  run: (client, { jobId, message }) => client.jobs.apply(jobId, message),
});
