/**
 * The open-job rules the API decides: who may apply and when, the application window's
 * bounds, the required fields, who may accept, and the public listing's filters and paging.
 */
import assert from "node:assert/strict";
import { createTestAgent, type TestAgent } from "../support/agents.js";
import { startTestApi, type TestApi } from "../support/test-api.js";
import { assertVaultInvariant } from "../support/wallet.js";
import { acceptApplication, applied, apply, browseOpenJobs, postedOpenJob, postOpenJob } from "./open-support.js";
import { advanceTime, fundedAgent } from "./support.js";

describe("jobs: open job rules", () => {
  let api: TestApi;
  let client: TestAgent;
  let applicant: TestAgent;

  before(async () => {
    api = await startTestApi({ label: "jobs_open_rules" });
    client = await fundedAgent(api, "rules-client", 20_000_000);
    applicant = await fundedAgent(api, "rules-applicant");
  });
  after(() => api?.close());

  it("applicationWindow: 60 and 604800 accepted, 59 and 604801 refused, 86400 by default", async () => {
    // When the client posts at each boundary
    const status = async (applicationWindow: number) =>
      (await postOpenJob(api, client, { applicationWindow })).statusCode;

    // Then only the seed's 60-604800 s range is accepted
    assert.equal(await status(59), 400);
    assert.equal(await status(604_801), 400);
    const refused = await postOpenJob(api, client, { applicationWindow: 59 });
    assert.match(refused.json().error, /^applicationWindow: /);
    for (const window of [60, 604_800]) {
      const job = await postedOpenJob(api, client, { applicationWindow: window });
      assert.equal(Date.parse(job.applyBy) - Date.parse(job.createdAt) <= (window + 5) * 1000, true);
    }
    // And without it the window is a day
    const job = await postedOpenJob(api, client, { applicationWindow: undefined });
    const seconds = (Date.parse(job.applyBy) - Date.parse(job.createdAt)) / 1000;
    assert.ok(seconds > 86_400 - 10 && seconds < 86_400 + 10, `${seconds}`);
    await assertVaultInvariant(api);
  });

  it("the open-only fields are required and bounded", async () => {
    // When a field is missing or out of bounds, Then it is a 400 naming it
    const error = async (overrides: Record<string, unknown>) =>
      (await postOpenJob(api, client, overrides)).json().error;
    assert.equal(await error({ title: undefined }), "title: required for open jobs");
    assert.equal(await error({ amount: undefined }), "amount: required for open jobs");
    assert.match(await error({ title: "ab" }), /^title: /);
    assert.match(await error({ description: "too short" }), /^description: /);
    assert.match(await error({ amount: 999 }), /^amount: must be at least 1000/);
  });

  it("one application per agent, never to your own job, only activated agents", async () => {
    // Given an open job
    const job = await postedOpenJob(api, client);

    // When the applicant applies twice, Then the second is a 409
    await applied(api, applicant, job.id);
    const twice = await apply(api, applicant, job.id);
    assert.equal(twice.statusCode, 409);
    assert.deepEqual(twice.json(), { error: "You have already applied to this job" });

    // When the client applies to its own job, Then it is refused
    const own = await apply(api, client, job.id);
    assert.equal(own.statusCode, 403);
    assert.deepEqual(own.json(), { error: "You cannot apply to your own job" });

    // When an agent that is not activated applies, Then it is a 403
    const idle = await createTestAgent(api, "rules-idle");
    assert.equal((await apply(api, idle, job.id)).statusCode, 403);

    // And an unknown job, or accepting as someone else, is a 404
    assert.equal((await apply(api, applicant, "no-such-job")).statusCode, 404);
    const [app] = (await api.request({ method: "GET", url: `/api/v1/jobs/${job.id}`, bearer: client.apiKey })).json()
      .applications;
    assert.equal((await acceptApplication(api, applicant, job.id, app.id)).statusCode, 404);
    assert.equal((await acceptApplication(api, client, job.id, "no-such-app")).statusCode, 404);
  });

  it("two applications accepted at once: one provider assigned, the other request a 409", async () => {
    // Given an open job with two applicants
    const job = await postedOpenJob(api, client);
    const rival = await fundedAgent(api, "rules-rival");
    const apps = [await applied(api, applicant, job.id), await applied(api, rival, job.id)];

    // When the client accepts both at the same time
    const answers = await Promise.all(apps.map((a) => acceptApplication(api, client, job.id, a.id)));

    // Then exactly one wins, and the job, its applications and the chain agree on who
    assert.deepEqual(answers.map((r) => r.statusCode).sort(), [200, 409]);
    const winner = answers.find((r) => r.statusCode === 200)!.json();
    const view = (await api.request({ method: "GET", url: `/api/v1/jobs/${job.id}`, bearer: client.apiKey })).json();
    const accepted = view.applications.filter((a: { status: string }) => a.status === "accepted");
    assert.deepEqual(
      accepted.map((a: { applicant: { id: string } }) => a.applicant.id),
      [winner.providerAgentId],
    );
    const { rows } = await api.ctx.knex.raw(`select provider from chain_job where pubkey = ?`, [job.jobAccount]);
    const wallet = [applicant, rival].find((a) => a.id === winner.providerAgentId)!.wallet.publicKey.toBase58();
    assert.equal(rows[0].provider, wallet);
    await assertVaultInvariant(api);
  });

  it("applying after the application window is a 409", async () => {
    // Given an open job whose 60 s window passed
    const job = await postedOpenJob(api, client, { applicationWindow: 60 });
    await advanceTime(api, 61);

    // When an agent applies, Then it is refused
    const late = await apply(api, applicant, job.id);
    assert.equal(late.statusCode, 409);
    assert.deepEqual(late.json(), { error: "This job is no longer accepting applications" });
  });

  it("the public listing filters by category and pages, soonest to close first", async () => {
    // Given two jobs of a fresh category closing at different times
    const later = await postedOpenJob(api, client, { category: "Rules-Listing", applicationWindow: 900 });
    const sooner = await postedOpenJob(api, client, { category: "rules-listing", applicationWindow: 300 });

    // When anyone browses that category a page of one at a time
    const first = await browseOpenJobs(api, "?category=RULES-LISTING&limit=1");
    const second = await browseOpenJobs(api, "?category=rules-listing&limit=1&page=2");

    // Then the sooner comes first, the total counts both, and the category is stored lowercase
    assert.deepEqual(first.pagination, { page: 1, limit: 1, total: 2 });
    assert.deepEqual([first.jobs[0].id, second.jobs[0].id], [sooner.id, later.id]);
    assert.equal(first.jobs[0].category, "rules-listing");
    assert.equal(first.jobs[0].applications, 0);
    assert.equal((await browseOpenJobs(api, "?category=nothing-here")).pagination.total, 0);
  });
});
