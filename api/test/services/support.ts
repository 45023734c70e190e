/** Shared by the services tests: a valid listing to vary, and the routes' calls. */
import { activateTestAgent, createTestAgent, type TestAgent } from "../support/agents.js";
import type { TestApi } from "../support/test-api.js";

let serial = 0;

/** A registered and activated agent: what may list services. */
export async function activatedAgent(api: TestApi, name: string): Promise<TestAgent> {
  const agent = await createTestAgent(api, name);
  await activateTestAgent(api, agent);
  return agent;
}

/** A listing that passes every check; each call has a fresh name (active names are unique per provider). */
export function validService(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  serial += 1;
  return {
    name: `Text Summarizer ${serial}`,
    description: "Summarizes long documents into concise bullet points",
    category: "text-processing",
    inputSchema: {
      type: "object",
      properties: { text: { type: "string" }, maxBullets: { type: "number" } },
      required: ["text"],
    },
    outputSchema: { type: "object", properties: { bullets: { type: "array", items: { type: "string" } } } },
    pricePerJob: 500000,
    ...overrides,
  };
}

export function postService(api: TestApi, agent: TestAgent, payload: Record<string, unknown>) {
  return api.request({ method: "POST", url: "/api/v1/services", payload, bearer: agent.apiKey });
}

/** Creates a service and returns its body; fails the test unless the answer is 201. */
export async function listService(api: TestApi, agent: TestAgent, overrides: Record<string, unknown> = {}) {
  const res = await postService(api, agent, validService(overrides));
  if (res.statusCode !== 201) throw new Error(`create answered ${res.statusCode}: ${res.body}`);
  return res.json();
}

export async function serviceRow(api: TestApi, id: string): Promise<Record<string, any>> {
  const { rows } = await api.ctx.knex.raw("select * from services where id = ?", [id]);
  return rows[0];
}
