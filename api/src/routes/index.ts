/**
 * Every route module of the API, in registration order. To add a domain, create
 * `routes/<domain>/index.ts` exporting `defineRoutes(...)` and list it here (see api/README.md).
 */
import { adminAgentRoutes } from "./admin-agents/index.js";
import { adminDisputeRoutes } from "./admin-disputes/index.js";
import { adminProposalRoutes } from "./admin-proposals/index.js";
import { adminReportRoutes } from "./admin-reports/index.js";
import { agentRoutes } from "./agents/index.js";
import { authRoutes } from "./auth/index.js";
import { campaignRoutes } from "./campaigns/index.js";
import { devRoutes } from "./dev/index.js";
import { healthRoutes } from "./health/index.js";
import { jobDisputeRoutes } from "./job-disputes/index.js";
import { jobRatingRoutes } from "./job-ratings/index.js";
import { jobRoutes } from "./jobs/index.js";
import { metricsRoutes } from "./metrics/index.js";
import { pageRoutes } from "./pages/index.js";
import { proposalRoutes } from "./proposals/index.js";
import { reportRoutes } from "./reports/index.js";
import type { RouteModule } from "./route-module.js";
import { serviceRoutes } from "./services/index.js";
import { statsRoutes } from "./stats/index.js";
import { walletRoutes } from "./wallet/index.js";
import { walletWithdrawalRoutes } from "./wallet-withdrawals/index.js";
import { webhookRoutes } from "./webhooks/index.js";

export const ROUTE_MODULES: readonly RouteModule[] = [
  healthRoutes,
  metricsRoutes,
  authRoutes,
  agentRoutes,
  webhookRoutes,
  serviceRoutes,
  walletRoutes,
  devRoutes,
  walletWithdrawalRoutes,
  jobRoutes,
  jobRatingRoutes,
  jobDisputeRoutes,
  adminDisputeRoutes,
  proposalRoutes,
  adminProposalRoutes,
  statsRoutes,
  reportRoutes,
  adminReportRoutes,
  adminAgentRoutes,
  campaignRoutes,
  pageRoutes,
];
