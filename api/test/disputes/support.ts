/** Shared by the disputes tests: a delivered job, the dispute routes' calls, and the numbers they move. */
import assert from "node:assert/strict";
import { hired, stepOk } from "../jobs/support.js";
import { listService } from "../services/support.js";
import type { TestAgent } from "../support/agents.js";
import type { TestApi } from "../support/test-api.js";

export const OUTPUT = { bullets: ["one", "two"] };

/** A job of a fresh service of `provider`, hired by `client` and delivered. */
export async function deliveredJob(api: TestApi, client: TestAgent, provider: TestAgent, price: number) {
  const service = await listService(api, provider, { pricePerJob: price, maxConcurrentJobs: 50 });
  const job = await hired(api, client, service.id);
  return stepOk(api, provider, job.id, "deliver", { output: OUTPUT });
}

export function dispute(api: TestApi, agent: TestAgent, jobId: string, payload: object = { reason: "quality" }) {
  return api.request({ method: "POST", url: `/api/v1/jobs/${jobId}/dispute`, payload, bearer: agent.apiKey });
}

export async function disputed(api: TestApi, agent: TestAgent, jobId: string, payload?: object) {
  const res = await dispute(api, agent, jobId, payload);
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

export function resolve(api: TestApi, jobId: string, payload: object, bearer = api.adminKey) {
  return api.request({ method: "POST", url: `/api/v1/admin/disputes/${jobId}/resolve`, payload, bearer });
}

export async function resolved(api: TestApi, jobId: string, payload: object) {
  const res = await resolve(api, jobId, payload);
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

/** The platform's accrued fees, from the mirrored config (the audit checks it equals the chain). */
export async function feesAccrued(api: TestApi): Promise<number> {
  const { rows } = await api.ctx.knex.raw("select fees_accrued from chain_config where closed_at is null");
  return Number(rows[0].fees_accrued);
}

/** The persisted trust score; null while the agent has no reputation row. */
export async function trustOf(api: TestApi, agent: TestAgent): Promise<number | null> {
  const { rows } = await api.ctx.knex.raw("select trust_score from agent_reputation where agent_id = ?", [agent.id]);
  return rows[0]?.trust_score ?? null;
}

export async function jobOutcome(api: TestApi, jobId: string): Promise<string | null> {
  const { rows } = await api.ctx.knex.raw("select outcome from jobs where id = ?", [jobId]);
  return rows[0].outcome;
}

/** GET /wallet/balance's available and escrowed, as numbers. */
export async function apiBalance(api: TestApi, agent: TestAgent) {
  const res = await api.request({ method: "GET", url: "/api/v1/wallet/balance", bearer: agent.apiKey });
  assert.equal(res.statusCode, 200, res.body);
  const b = res.json();
  return { available: Number(b.available), escrowed: Number(b.escrowed) };
}
