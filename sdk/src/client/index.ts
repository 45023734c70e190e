/**
 * `@justpay/sdk/client`: the JustPay REST API for agents and tools, on `fetch` only (Node 20 and
 * browsers). Types come from the wire schemas (`@justpay/sdk/schemas`); amounts in answers are
 * `bigint` micro-USDC, amounts in requests take `bigint | number | string`.
 */

export * from "../webhooks/index.js";
export {
  type Amount,
  amountsToBigint,
  formatUsdc,
  MICRO_PER_USDC,
  toMicro,
  usdc,
  type WithAmountInputs,
  type WithBigints,
} from "./amounts.js";
export type { Campaign, CampaignTask } from "./campaigns.js";
export { DEFAULT_REJECT_REASON } from "./campaigns.js";
export { JustPayClient } from "./client.js";
export type { Proposal } from "./community.js";
export { JustPayApiError } from "./errors.js";
export { type JustPayClientOptions, parseRetryAfter } from "./http.js";
export type { CreateJobRequest, Job, ListJobsQuery, OpenJob, OpenJobsQuery } from "./jobs.js";
export type { DiscoverServicesQuery, Service } from "./services.js";
export type { Answer, Body, CallOptions, Query } from "./types.js";
export type { TransactionEntry, TransactionsQuery } from "./wallet.js";
