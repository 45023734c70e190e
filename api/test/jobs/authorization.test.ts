/**
 * Who may do what to a job, as a matrix: every job route tried without a key, by an
 * unactivated agent, a stranger, the client and the provider. Refusals come before any state
 * check, so one accepted job serves every row; the allowed steps are the flow tests'.
 */
import assert from "node:assert/strict";
import { listService } from "../services/support.js";
import { createTestAgent, type TestAgent } from "../support/agents.js";
import { startTestApi, type TestApi } from "../support/test-api.js";
import { fundedAgent, getJob, hired, step } from "./support.js";

type Actor = "anonymous" | "unactivated" | "stranger" | "client" | "provider";

/** route → the status each actor gets (null: allowed, checked by the flow tests). */
const MATRIX: Record<string, Record<Actor, number | null>> = {
  "GET /:id": { anonymous: 401, unactivated: 403, stranger: 404, client: null, provider: null },
  accept: { anonymous: 401, unactivated: 403, stranger: 404, client: 403, provider: 409 },
  deliver: { anonymous: 401, unactivated: 403, stranger: 404, client: 403, provider: null },
  "accept-delivery": { anonymous: 401, unactivated: 403, stranger: 404, client: 409, provider: 403 },
  cancel: { anonymous: 401, unactivated: 403, stranger: 404, client: null, provider: 403 },
};

describe("jobs: authorization", () => {
  let api: TestApi;
  const actors = {} as Record<Actor, TestAgent | undefined>;
  let jobId: string;

  before(async () => {
    api = await startTestApi({ label: "jobs_authz" });
    actors.client = await fundedAgent(api, "authz-client");
    actors.provider = await fundedAgent(api, "authz-provider");
    actors.stranger = await fundedAgent(api, "authz-stranger");
    actors.unactivated = await createTestAgent(api, "authz-unactivated");
    actors.anonymous = undefined;
    const service = await listService(api, actors.provider);
    jobId = (await hired(api, actors.client, service.id)).id;
  });
  after(() => api?.close());

  for (const [route, row] of Object.entries(MATRIX)) {
    for (const [actor, expected] of Object.entries(row) as [Actor, number | null][]) {
      if (expected === null) continue;
      it(`${route} by the ${actor}: ${expected}`, async () => {
        // Given the accepted job; When the actor tries the route
        const agent = actors[actor];
        const res =
          route === "GET /:id"
            ? await api.request({ method: "GET", url: `/api/v1/jobs/${jobId}`, bearer: agent?.apiKey })
            : await api.request({
                method: "POST",
                url: `/api/v1/jobs/${jobId}/${route}`,
                payload: route === "deliver" ? { output: { bullets: [] } } : undefined,
                bearer: agent?.apiKey,
              });
        // Then it is refused with the matrix's status and the seed's error shape
        assert.equal(res.statusCode, expected, res.body);
        assert.equal(typeof res.json().error, "string");
      });
    }
  }

  it("the parties read the job; POST /jobs and GET /jobs need an activated agent", async () => {
    assert.equal((await getJob(api, actors.client!, jobId)).statusCode, 200);
    assert.equal((await getJob(api, actors.provider!, jobId)).statusCode, 200);
    assert.equal((await getJob(api, actors.client!, "unknown")).statusCode, 404);
    for (const [agent, status] of [
      [undefined, 401],
      [actors.unactivated, 403],
    ] as const) {
      const list = await api.request({ method: "GET", url: "/api/v1/jobs", bearer: agent?.apiKey });
      assert.equal(list.statusCode, status);
      const create = await api.request({
        method: "POST",
        url: "/api/v1/jobs",
        payload: { type: "direct", serviceId: "x", input: {} },
        bearer: agent?.apiKey,
      });
      assert.equal(create.statusCode, status);
    }
  });

  it("GET /jobs lists each party's jobs by role and status, the stranger none", async () => {
    const list = async (agent: TestAgent, query: string) =>
      (await api.request({ method: "GET", url: `/api/v1/jobs${query}`, bearer: agent.apiKey })).json();
    assert.deepEqual(
      (await list(actors.client!, "?role=client")).jobs.map((j: { id: string }) => j.id),
      [jobId],
    );
    assert.equal((await list(actors.client!, "?role=provider")).pagination.total, 0);
    assert.equal((await list(actors.provider!, "?role=provider&status=accepted")).pagination.total, 1);
    assert.equal((await list(actors.provider!, "?status=completed")).pagination.total, 0);
    assert.equal((await list(actors.stranger!, "")).pagination.total, 0);
    // And the client's cancel tidies the job away
    assert.equal((await step(api, actors.client!, jobId, "cancel")).statusCode, 200);
  });
});
