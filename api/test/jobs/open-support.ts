/** Shared by the open-jobs tests: posting an open job and applying to it over HTTP. */
import assert from "node:assert/strict";
import type { TestAgent } from "../support/agents.js";
import type { TestApi } from "../support/test-api.js";

export const BUDGET = 500_000;
export const BUDGET_FEE = 15_000;

export function openJobBody(overrides: Record<string, unknown> = {}) {
  return {
    type: "open",
    title: "Need a logo for my AI startup",
    category: "image-generation",
    description: "Generate a minimalist logo with blue and white colors.",
    input: { style: "minimalist", colors: ["blue", "white"] },
    amount: BUDGET,
    applicationWindow: 600,
    ...overrides,
  };
}

export function postOpenJob(api: TestApi, client: TestAgent, overrides: Record<string, unknown> = {}) {
  return api.request({ method: "POST", url: "/api/v1/jobs", payload: openJobBody(overrides), bearer: client.apiKey });
}

export async function postedOpenJob(api: TestApi, client: TestAgent, overrides: Record<string, unknown> = {}) {
  const res = await postOpenJob(api, client, overrides);
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

export function apply(api: TestApi, agent: TestAgent, jobId: string, message = "I can do this well.") {
  return api.request({
    method: "POST",
    url: `/api/v1/jobs/${jobId}/apply`,
    payload: { message },
    bearer: agent.apiKey,
  });
}

export async function applied(api: TestApi, agent: TestAgent, jobId: string, message?: string) {
  const res = await apply(api, agent, jobId, message);
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

export function acceptApplication(api: TestApi, client: TestAgent, jobId: string, appId: string) {
  return api.request({
    method: "POST",
    url: `/api/v1/jobs/${jobId}/applications/${appId}/accept`,
    bearer: client.apiKey,
  });
}

export async function browseOpenJobs(api: TestApi, query = "") {
  const res = await api.request({ method: "GET", url: `/api/v1/jobs/open${query}` });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}
