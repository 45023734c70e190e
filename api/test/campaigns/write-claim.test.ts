/**
 * `justpay_write_claim`, the one statement that writes a claim's row: the refusals the claim
 * route turns into a retry (`index_moved`) or a 409 (`in_progress`), tried on the function
 * itself against a live campaign, since a real race hits them only by chance.
 */
import assert from "node:assert/strict";
import { quotaPda } from "@justpay/sdk";
import { PublicKey } from "@solana/web3.js";
import { newId } from "../../src/db/ids.js";
import { fundedAgent } from "../jobs/support.js";
import type { TestAgent } from "../support/agents.js";
import { startTestApi, type TestApi } from "../support/test-api.js";
import { claimed, createdCampaign } from "./support.js";

describe("campaigns: writing a claim's row", () => {
  let api: TestApi;
  let owner: TestAgent;
  let worker: TestAgent;
  let campaign: { id: string; campaignAccount: string };
  let quota: string;

  before(async () => {
    api = await startTestApi({ label: "write_claim" });
    owner = await fundedAgent(api, "wc-owner", 20_000_000);
    worker = await fundedAgent(api, "wc-worker");
    campaign = await createdCampaign(api, owner, { maxPerAgent: null });
    await claimed(api, worker, campaign.id); // the worker's quota now holds one claim
    quota = quotaPda(
      api.ctx.chain.programId,
      new PublicKey(campaign.campaignAccount),
      worker.wallet.publicKey,
    ).address.toBase58();
  });
  after(() => api?.close());

  const write = async (index: number) => {
    const row = {
      id: newId(),
      campaign_id: campaign.id,
      agent_id: worker.id,
      task_pubkey: `task-at-${index}`,
      index,
      amount: "50000",
      fee: "1500",
      idempotency_key: null,
      expires_at: new Date().toISOString(),
    };
    const { rows } = await api.ctx.knex.raw(`select * from justpay_write_claim(?::jsonb, ?)`, [
      JSON.stringify(row),
      quota,
    ]);
    return { id: row.id, ...(rows[0] as { refusal: string | null; next_index: number | null }) };
  };
  const rowExists = async (id: string) =>
    (await api.ctx.knex.raw(`select 1 from campaign_tasks where id = ?`, [id])).rows.length === 1;

  it("refuses an index another claim already took, naming the next one, and writes nothing", async () => {
    const stale = await write(0);
    assert.deepEqual([stale.refusal, stale.next_index], ["index_moved", 1]);
    assert.equal(await rowExists(stale.id), false);
  });

  it("writes the row at the quota's next index, then refuses a second while the first may still land", async () => {
    const first = await write(1);
    assert.deepEqual([first.refusal, first.next_index], [null, 1]);
    assert.equal(await rowExists(first.id), true);
    // Its claim_task was never sent: a fresh row with no intent may still land, so it blocks.
    const second = await write(1);
    assert.equal(second.refusal, "in_progress");
    assert.equal(await rowExists(second.id), false);
    // A minute on, with no intent written, it never can: it is failed and the next claim goes ahead.
    await api.ctx.knex.raw(`update campaign_tasks set created_at = now() - interval '2 minutes' where id = ?`, [
      first.id,
    ]);
    const third = await write(1);
    assert.equal(third.refusal, null);
    const phase = (await api.ctx.knex.raw(`select phase from campaign_tasks where id = ?`, [first.id])).rows[0].phase;
    assert.equal(phase, "failed");
  });
});
