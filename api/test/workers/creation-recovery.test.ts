/**
 * The creation-recovery sweep: a job or campaign left in phase `creating` by a request that
 * died goes live when its create intent landed and failed when it never did, so a dead request
 * holds no capacity slot for ever; an intent still in flight is left to the outbox recovery.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { creationRecovery } from "../../src/workers/deadlines/creation-recovery.js";
import { createdCampaign } from "../campaigns/support.js";
import { fundedAgent, hire, hired } from "../jobs/support.js";
import { listService } from "../services/support.js";
import type { TestAgent } from "../support/agents.js";
import { startTestApi, type TestApi } from "../support/test-api.js";
import { assertVaultInvariant } from "../support/wallet.js";

describe("creation recovery sweep", function () {
  this.timeout(120_000);
  let api: TestApi;
  let client: TestAgent;
  let provider: TestAgent;
  before(async () => {
    api = await startTestApi({ label: "creation_recovery" });
    client = await fundedAgent(api, "cr-client");
    provider = await fundedAgent(api, "cr-provider");
  });
  after(() => api?.close());

  const sweep = () => creationRecovery.runDue(api.ctx, 0n);
  const phaseOf = async (table: "jobs" | "campaigns", id: string) =>
    (await api.ctx.knex(table).where({ id }).first("phase", "error")) as { phase: string; error: string | null };
  /** As a request that crashed before recording its outcome leaves the row, long enough ago. */
  const leaveCreating = (table: "jobs" | "campaigns", id: string, minutesAgo = 7) =>
    api.ctx
      .knex(table)
      .where({ id })
      .update({ phase: "creating", created_at: api.ctx.knex.raw(`now() - interval '${minutesAgo} minutes'`) });
  /** A copy of a real job row that never reached the chain: another id, account and chain id. */
  async function strandedCopy(jobId: string) {
    const row = await api.ctx.knex("jobs").where({ id: jobId }).first();
    const id = `stuck${randomBytes(6).toString("hex")}`;
    await api.ctx.knex("jobs").insert({
      ...row,
      id,
      chain_id: String(BigInt(row.chain_id) + 1_000_000n),
      job_pubkey: randomBytes(16).toString("hex"),
      idempotency_key: null,
      input: JSON.stringify(row.input),
    });
    await leaveCreating("jobs", id);
    return id;
  }

  it("a stranded job holding a service's only slot fails, and the service can be hired again", async () => {
    // Given a one-slot service whose slot a dead request holds (its job never reached the chain)
    const service = await listService(api, provider, { maxConcurrentJobs: 1, queueEnabled: false });
    const real = await hired(api, client, service.id);
    await api.ctx.knex("jobs").where({ id: real.id }).update({ phase: "settled" }); // out of the way
    const stuck = await strandedCopy(real.id);
    assert.equal((await hire(api, client, service.id)).statusCode, 409, "the stranded row holds the slot");

    // When the sweep runs
    assert.equal(await sweep(), 1);

    // Then the row failed, saying nothing was locked, and the slot is free
    const after = await phaseOf("jobs", stuck);
    assert.equal(after.phase, "failed");
    assert.match(after.error ?? "", /nothing was locked/);
    assert.equal((await hire(api, client, service.id)).statusCode, 201);
    await assertVaultInvariant(api);
  });

  it("a job whose create landed before its request died goes live", async () => {
    const service = await listService(api, provider);
    const job = await hired(api, client, service.id);
    await leaveCreating("jobs", job.id);
    assert.equal(await sweep(), 1);
    assert.deepEqual(await phaseOf("jobs", job.id), { phase: "live", error: null });
  });

  it("a voided create intent fails the job; one still pending, or a row still young, is left alone", async () => {
    const service = await listService(api, provider);
    const real = await hired(api, client, service.id);
    const voided = await strandedCopy(real.id);
    const pending = await strandedCopy(real.id);
    const young = await strandedCopy(real.id);
    await leaveCreating("jobs", young, 1);
    const intent = (key: string, status: string) =>
      api.ctx.knex("tx_intents").insert({
        key,
        label: "create_job",
        status,
        instructions: JSON.stringify([]),
        signers: [],
        error: status === "voided" ? "stale: not sent before the recovery deadline" : null,
      });
    await intent(`job-create:${voided}`, "voided");
    await intent(`job-create:${pending}`, "pending");

    assert.equal(await sweep(), 1);

    assert.equal((await phaseOf("jobs", voided)).phase, "failed");
    assert.match((await phaseOf("jobs", voided)).error ?? "", /voided: stale/);
    assert.equal((await phaseOf("jobs", pending)).phase, "creating");
    assert.equal((await phaseOf("jobs", young)).phase, "creating");
    await api.ctx.knex("jobs").whereIn("id", [pending, young]).update({ phase: "failed" });
  });

  it("a campaign whose create landed goes live; the sweep is idempotent", async () => {
    const campaign = await createdCampaign(api, client);
    await leaveCreating("campaigns", campaign.id);
    assert.equal(await sweep(), 1);
    assert.equal((await phaseOf("campaigns", campaign.id)).phase, "live");
    assert.equal(await sweep(), 0);
    await assertVaultInvariant(api);
  });
});
