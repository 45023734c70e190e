/**
 * Reports expire 30 days after the last report against their agent (api/src/reports). The
 * sweep expires them at the chain's time and recomputes each affected agent's trust score.
 */
import { expireReports } from "../../reports/report-recovery.js";
import { recomputeReputation } from "../../trust/agent-reputation.js";
import type { DeadlineSweep } from "./registry.js";

export const reportExpiry: DeadlineSweep = {
  name: "report-expiry",
  async runDue(ctx, now) {
    const agents = await expireReports(ctx.knex, now);
    for (const agentId of agents) await ctx.knex.transaction((trx) => recomputeReputation(trx, agentId));
    return agents.length;
  },
};
