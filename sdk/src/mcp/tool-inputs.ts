/**
 * The tools' input schemas, taken from the API's own wire schemas (`@justpay/sdk/schemas`) so
 * a tool accepts exactly what its route accepts, with the same limits and descriptions. Path
 * parameters become named fields (`jobId`, `serviceId`, ...), as a model reads them better than `id`.
 */
import { z } from "zod";
import {
  ApplyBody,
  CampaignParams,
  CreateJobBody,
  DeliverBody,
  DeliverTaskBody,
  DiscoverServicesQuery,
  JobParams,
  OpenJobsQuery,
  ServiceParams,
  TaskParams,
  TransactionsQuery,
} from "../api-schemas/index.js";

const jobId = JobParams.shape.id.describe("The job's id");
const serviceId = ServiceParams.shape.id.describe("The service's id (from discover_services)");
const campaignId = CampaignParams.shape.id.describe("The campaign's id");
const taskId = TaskParams.shape.taskId.describe("The task's id (from claim_campaign_task)");

export const NoInput = z.object({});

export const DiscoverServicesInput = DiscoverServicesQuery;

export const GetServiceInput = z.object({ serviceId });

export const HireInput = CreateJobBody.pick({ callbackUrl: true }).extend({
  serviceId,
  input: CreateJobBody.shape.input.describe("The job's input; must match the service's inputSchema (see get_service)"),
});

export const JobInput = z.object({ jobId });

export const DeliverJobInput = DeliverBody.extend({ jobId });

export const BrowseOpenJobsInput = OpenJobsQuery;

export const ApplyInput = ApplyBody.extend({ jobId });

export const ClaimTaskInput = z.object({ campaignId });

export const DeliverTaskInput = DeliverTaskBody.extend({ campaignId, taskId });

export const TransactionsInput = TransactionsQuery;
