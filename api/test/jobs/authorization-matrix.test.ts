/**
 * Who may do what to a job, as one table (issue 10: "Authorization as a matrix"): every job
 * route tried without a key, by an unactivated agent (registered, nothing deposited), a
 * stranger (activated, not a party), the client and the provider. For an open job the
 * "provider" is an agent that applied to it: applicants are not parties until chosen.
 *
 * Each cell is the status the actor gets. A refusal (4xx) runs against the shared fixture jobs
 * and must leave everything as it was: both jobs' rows, their mirrored chain_job accounts, the
 * applications and every actor's ledger. An allowed step that changes state runs against a
 * fresh job of its own, so no cell depends on another. Adding a route is one line in ROUTES
 * (the dispute route, POST /jobs/:id/dispute, is its owner's to add).
 */
import assert from "node:assert/strict";
import { listService } from "../services/support.js";
import { createTestAgent, type TestAgent } from "../support/agents.js";
import { startTestApi, type TestApi } from "../support/test-api.js";
import { applied, postedOpenJob } from "./open-support.js";
import { fundedAgent, hired, money } from "./support.js";

type Actor = "anonymous" | "unactivated" | "stranger" | "client" | "provider";
const ACTORS: Actor[] = ["anonymous", "unactivated", "stranger", "client", "provider"];

/** A job a route acts on: its id, on-chain account and (open jobs) the provider's application. */
interface Target {
  id: string;
  jobAccount: string;
  appId?: string;
}

interface Route {
  name: string;
  /** Which fixture the route acts on ("none": routes on no job). */
  on: "direct" | "open" | "none";
  /** A 2xx changes state, so an allowed cell gets a fresh fixture. */
  mutates: boolean;
  request: (t: Target, serviceId: string) => { method: "GET" | "POST"; url: string; payload?: object };
  expect: Record<Actor, number>;
}

const post = (url: string, payload?: object) => ({ method: "POST" as const, url, payload });
const get = (url: string) => ({ method: "GET" as const, url });
const J = "/api/v1/jobs";
const row = (...s: number[]) => Object.fromEntries(ACTORS.map((a, i) => [a, s[i]])) as Record<Actor, number>;

/** A matrix row: the statuses in the order of ACTORS. */
const route = (
  name: string,
  on: Route["on"],
  mutates: boolean,
  request: Route["request"],
  s: [number, number, number, number, number],
): Route => ({ name, on, mutates, request, expect: row(...s) });

// The direct fixture is accepted (its service auto-accepts); the open fixture is taking applications.
// biome-ignore format: the matrix reads as a table, one route per line
const ROUTES: Route[] = [
  //    route                         fixture   mutates request                                                                            anon unact strgr client prov
  route("POST /jobs",                 "none",   true,  (_, s) => post(J, { type: "direct", serviceId: s, input: { text: "hi" } }),         [401, 403, 201, 201, 400]),
  route("GET /jobs",                  "none",   false, () => get(J),                                                                       [401, 403, 200, 200, 200]),
  route("GET /jobs/open",             "none",   false, () => get(`${J}/open`),                                                             [200, 200, 200, 200, 200]),
  route("GET /jobs/:id",              "direct", false, (t) => get(`${J}/${t.id}`),                                                         [401, 403, 404, 200, 200]),
  route("accept",                     "direct", true,  (t) => post(`${J}/${t.id}/accept`),                                                 [401, 403, 404, 403, 409]),
  route("deliver",                    "direct", true,  (t) => post(`${J}/${t.id}/deliver`, { output: { bullets: [] } }),                   [401, 403, 404, 403, 200]),
  route("accept-delivery",            "direct", true,  (t) => post(`${J}/${t.id}/accept-delivery`),                                        [401, 403, 404, 409, 403]),
  route("cancel",                     "direct", true,  (t) => post(`${J}/${t.id}/cancel`),                                                 [401, 403, 404, 200, 403]),
  route("rate",                       "direct", true,  (t) => post(`${J}/${t.id}/rate`, { score: 5 }),                                     [401, 403, 404, 409, 409]),
  route("apply",                      "open",   true,  (t) => post(`${J}/${t.id}/apply`, { message: "Me!" }),                              [401, 403, 201, 403, 409]),
  route("applications/:appId/accept", "open",   true,  (t) => post(`${J}/${t.id}/applications/${t.appId}/accept`),                         [401, 403, 404, 200, 404]),
  // POST /jobs/:id/dispute belongs to the disputes module: its row goes here when it lands.
];

describe("jobs: the authorization matrix", () => {
  let api: TestApi;
  const actors = {} as Record<Actor, TestAgent | undefined>;
  let serviceId: string;
  const shared = {} as Record<"direct" | "open", Target>;

  async function fixture(kind: "direct" | "open"): Promise<Target> {
    if (kind === "direct") return hired(api, actors.client!, serviceId);
    const job = await postedOpenJob(api, actors.client!);
    const application = await applied(api, actors.provider!, job.id);
    return { ...job, appId: application.id };
  }

  /** Everything a refused attempt must leave as it was. */
  async function state() {
    const knex = api.ctx.knex;
    const jobs = await Promise.all(
      [shared.direct, shared.open].map(async (t) => ({
        row: await knex("jobs").where({ id: t.id }).first(),
        account: await knex("chain_job").where({ pubkey: t.jobAccount }).first(),
        applications: await knex("job_applications").where({ job_id: t.id }).orderBy("id"),
      })),
    );
    const ledgers = await Promise.all(
      (["unactivated", "stranger", "client", "provider"] as const).map((a) => money(api, actors[a]!)),
    );
    return { jobs, ledgers };
  }

  before(async () => {
    api = await startTestApi({ label: "jobs_authz_matrix" });
    actors.client = await fundedAgent(api, "authz-client");
    actors.provider = await fundedAgent(api, "authz-provider");
    actors.stranger = await fundedAgent(api, "authz-stranger");
    actors.unactivated = await createTestAgent(api, "authz-unactivated");
    actors.anonymous = undefined;
    serviceId = (await listService(api, actors.provider, { autoAccept: true, maxConcurrentJobs: 20 })).id;
    shared.direct = await fixture("direct");
    shared.open = await fixture("open");
  });
  after(() => api?.close());

  for (const route of ROUTES) {
    for (const actor of ACTORS) {
      const expected = route.expect[actor];
      const refused = expected >= 400;
      it(`${route.name} by the ${actor}: ${expected}`, async () => {
        // Given the fixture job (a fresh one for an allowed step that changes state)
        const target =
          route.on === "none" ? shared.direct : refused || !route.mutates ? shared[route.on] : await fixture(route.on);
        const before = refused ? await state() : undefined;
        // When the actor tries the route
        const res = await api.request({ ...route.request(target, serviceId), bearer: actors[actor]?.apiKey });
        // Then it gets the matrix's status, a refusal in the seed's error shape
        assert.equal(res.statusCode, expected, res.body);
        if (!refused) return;
        assert.equal(typeof res.json().error, "string");
        // And nothing changed: the jobs, their accounts on-chain, the applications, the ledgers
        assert.deepEqual(await state(), before);
      });
    }
  }

  it("GET /jobs lists each party's jobs by role and status, the stranger's none", async () => {
    const list = async (actor: Actor, query: string) =>
      (await api.request({ method: "GET", url: `${J}${query}`, bearer: actors[actor]!.apiKey })).json();
    // Given the shared accepted direct job and open job (and the matrix's own jobs)
    const clientJobs = (await list("client", "?role=client&limit=100")).jobs.map((j: { id: string }) => j.id);
    assert.ok(clientJobs.includes(shared.direct.id) && clientJobs.includes(shared.open.id));
    // Then the provider sees its direct job, never the open one it only applied to
    const providerJobs = (await list("provider", "?role=provider&limit=100")).jobs.map((j: { id: string }) => j.id);
    assert.ok(providerJobs.includes(shared.direct.id));
    assert.ok(!providerJobs.includes(shared.open.id));
    assert.equal((await list("provider", "?role=provider&status=open")).pagination.total, 0);
    assert.equal((await list("client", "?role=provider&status=accepted")).pagination.total, 0);
    // And the stranger has only what it hired itself
    for (const j of (await list("stranger", "?limit=100")).jobs) assert.equal(j.clientAgentId, actors.stranger!.id);
  });
});
