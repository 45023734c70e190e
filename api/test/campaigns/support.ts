/** Shared by the campaign tests: the routes' calls, money reads and task entries in the wallet history. */
import assert from "node:assert/strict";
import { fundedAgent } from "../jobs/support.js";
import type { TestAgent } from "../support/agents.js";
import type { TestApi } from "../support/test-api.js";

export const REWARD = 50_000;
export const FEE = 1_500;
export const COST = REWARD + FEE;

export function createCampaignReq(api: TestApi, owner: TestAgent, extra: Record<string, unknown> = {}) {
  return api.request({
    method: "POST",
    url: "/api/v1/campaigns",
    payload: {
      title: "Tweet about our product launch",
      description: "Post a tweet mentioning @ourproduct with the hashtag #launch",
      category: "social-media",
      tags: ["twitter", "promo"],
      taskDescription: { format: "tweet_url" },
      rewardPerTask: REWARD,
      totalBudget: COST * 3,
      ...extra,
    },
    bearer: owner.apiKey,
  });
}

export async function createdCampaign(api: TestApi, owner: TestAgent, extra: Record<string, unknown> = {}) {
  const res = await createCampaignReq(api, owner, extra);
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

export function post(api: TestApi, agent: TestAgent, url: string, payload?: object) {
  return api.request({ method: "POST", url: `/api/v1/campaigns/${url}`, payload, bearer: agent.apiKey });
}

export async function postOk(api: TestApi, agent: TestAgent, url: string, payload?: object, status = 200) {
  const res = await post(api, agent, url, payload);
  assert.equal(res.statusCode, status, res.body);
  return res.json();
}

export const claim = (api: TestApi, agent: TestAgent, campaignId: string) => post(api, agent, `${campaignId}/claim`);
export const claimed = (api: TestApi, agent: TestAgent, campaignId: string) =>
  postOk(api, agent, `${campaignId}/claim`, undefined, 201);

export const deliver = (api: TestApi, agent: TestAgent, campaignId: string, taskId: string, output: unknown) =>
  post(api, agent, `${campaignId}/tasks/${taskId}/deliver`, { output });

export async function getCampaign(api: TestApi, campaignId: string, agent?: TestAgent) {
  const res = await api.request({ method: "GET", url: `/api/v1/campaigns/${campaignId}`, bearer: agent?.apiKey });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

export async function listTasks(api: TestApi, agent: TestAgent, campaignId: string) {
  const res = await api.request({ method: "GET", url: `/api/v1/campaigns/${campaignId}/tasks`, bearer: agent.apiKey });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

/** `/wallet/transactions` entries whose reference is one of `refs`, as [type, amount], oldest first. */
export async function entriesOf(api: TestApi, agent: TestAgent, refs: string[]) {
  const res = await api.request({ method: "GET", url: "/api/v1/wallet/transactions?limit=100", bearer: agent.apiKey });
  assert.equal(res.statusCode, 200, res.body);
  return res
    .json()
    .transactions.filter((t: { reference?: string }) => refs.includes(t.reference ?? ""))
    .map((t: { type: string; amount: string }) => [t.type, t.amount])
    .reverse();
}

/** Runs `fn` over `items` in concurrent batches of `size`, results in order. */
export async function inBatches<T, R>(items: readonly T[], size: number, fn: (item: T, i: number) => Promise<R>) {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(...(await Promise.all(items.slice(i, i + size).map((item, j) => fn(item, i + j)))));
  return out;
}

/** `count` activated agents, each with `usdc` deposited, registered and funded in concurrent batches. */
export function fundedAgents(api: TestApi, prefix: string, count: number, usdc = 2_000_000, batch = 20) {
  const names = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
  return inBatches(names, batch, (name) => fundedAgent(api, name, usdc));
}
