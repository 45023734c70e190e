/** Shared by the jobs tests: a client and a provider with money, a service, and the routes' calls. */
import assert from "node:assert/strict";
import { activateTestAgent, createTestAgent, type TestAgent } from "../support/agents.js";
import type { TestApi } from "../support/test-api.js";
import { ledger } from "../support/wallet.js";

/** A registered agent activated with `usdc` micro-USDC deposited (the activation fee is 1 USDC of it). */
export async function fundedAgent(api: TestApi, name: string, usdc = 10_000_000): Promise<TestAgent> {
  const agent = await createTestAgent(api, name);
  await activateTestAgent(api, agent, usdc);
  return agent;
}

export function hire(
  api: TestApi,
  client: TestAgent,
  serviceId: string,
  input: unknown = { text: "hello" },
  extra = {},
) {
  return api.request({
    method: "POST",
    url: "/api/v1/jobs",
    payload: { type: "direct", serviceId, input, ...extra },
    bearer: client.apiKey,
  });
}

export async function hired(api: TestApi, client: TestAgent, serviceId: string) {
  const res = await hire(api, client, serviceId);
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

export function step(api: TestApi, agent: TestAgent, jobId: string, action: string, payload?: object) {
  return api.request({ method: "POST", url: `/api/v1/jobs/${jobId}/${action}`, payload, bearer: agent.apiKey });
}

export async function stepOk(api: TestApi, agent: TestAgent, jobId: string, action: string, payload?: object) {
  const res = await step(api, agent, jobId, action, payload);
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

export function getJob(api: TestApi, agent: TestAgent, jobId: string) {
  return api.request({ method: "GET", url: `/api/v1/jobs/${jobId}`, bearer: agent.apiKey });
}

export async function advanceTime(api: TestApi, seconds: number) {
  const res = await api.request({ method: "POST", url: "/api/v1/dev/advance-time", payload: { seconds } });
  assert.equal(res.statusCode, 200, res.body);
}

/** The mirrored ledger's available and escrowed, as numbers. */
export async function money(api: TestApi, agent: TestAgent) {
  const l = await ledger(api, agent);
  return { available: Number(l.available), escrowed: Number(l.escrowed) };
}

/** `/wallet/transactions` entries of one job account, as [type, amount] pairs, oldest first. */
export async function jobEntries(api: TestApi, agent: TestAgent, jobAccount: string) {
  const res = await api.request({ method: "GET", url: "/api/v1/wallet/transactions?limit=100", bearer: agent.apiKey });
  assert.equal(res.statusCode, 200, res.body);
  return res
    .json()
    .transactions.filter((t: { reference?: string }) => t.reference === jobAccount)
    .map((t: { type: string; amount: string }) => [t.type, t.amount])
    .reverse();
}
