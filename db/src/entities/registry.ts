/**
 * Tables the API owns. They live in the same database (and migrations) as the indexer's
 * mirror, so the ORM that generates and checks migrations must know them too. A new table:
 * add its EntitySchema here, then `npm run db:migration -- <name>`.
 */

import { Agent } from "./agent-entity.js";
import { AgentReputation } from "./agent-reputation-entity.js";
import { ApiKey } from "./api-key-entity.js";
import { Campaign, CampaignTask } from "./campaign-entity.js";
import { CampaignEventTotals } from "./campaign-event-totals-entity.js";
import { DepositCredit, DepositScanCursor } from "./deposit-entities.js";
import { Dispute } from "./dispute-entity.js";
import { EventCursor } from "./event-cursor-entity.js";
import { IdempotencyKey } from "./idempotency-entity.js";
import { JobApplication } from "./job-application-entity.js";
import { Job } from "./job-entity.js";
import { JobRating } from "./job-rating-entity.js";
import { Proposal, ProposalVote } from "./proposal-entities.js";
import { Report } from "./report-entity.js";
import { Service } from "./service-entity.js";
import { SkippedEvent } from "./skipped-event-entity.js";
import { TxIntent } from "./tx-intent-entity.js";
import { WebhookDelivery } from "./webhook-delivery-entity.js";
import { WithdrawalRequest } from "./withdrawal-request-entity.js";

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
  CampaignEventTotals,
  EventCursor,
  SkippedEvent,
];
