/**
 * Tables the API owns. They live in the same database (and migrations) as the indexer's
 * mirror, so the ORM that generates and checks migrations must know them too. A new table:
 * add its EntitySchema here, then `npx tsx indexer/src/db/create-migration.ts <name>`.
 */

import { Campaign, CampaignTask } from "../campaigns/campaign-entity.js";
import { Dispute } from "../disputes/dispute-entity.js";
import { IdempotencyKey } from "../http/idempotency-entity.js";
import { JobApplication } from "../jobs/application-entity.js";
import { EventCursor } from "../jobs/event-cursor-entity.js";
import { Job } from "../jobs/job-entity.js";
import { Proposal, ProposalVote } from "../proposals/proposal-entities.js";
import { JobRating } from "../ratings/rating-entity.js";
import { Report } from "../reports/report-entity.js";
import { Service } from "../services/service-entity.js";
import { AgentReputation } from "../trust/agent-reputation-entity.js";
import { TxIntent } from "../tx/intent-entity.js";
import { DepositCredit, DepositScanCursor } from "../wallet/deposit-entities.js";
import { WebhookDelivery } from "../webhooks/delivery-entity.js";
import { WithdrawalRequest } from "../withdrawals/request-entity.js";
import { Agent } from "./agent-entity.js";
import { ApiKey } from "./api-key-entity.js";

export const API_ENTITIES = [
  TxIntent,
  Agent,
  ApiKey,
  WebhookDelivery,
  DepositCredit,
  DepositScanCursor,
  Service,
  WithdrawalRequest,
  IdempotencyKey,
  Job,
  JobApplication,
  JobRating,
  AgentReputation,
  Dispute,
  Proposal,
  ProposalVote,
  Report,
  Campaign,
  CampaignTask,
  EventCursor,
];
