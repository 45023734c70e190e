/**
 * The seed's dispute flow end to end over HTTP against the real stack, once per ruling: the
 * fee charged at filing, the frozen escrow, the arbiter's payout, each party's ledger (the
 * mirror, which the audit checks against the chain), the API balances, the wallet history,
 * the jobs row's outcome, both trust scores, the vault invariant after every step, and the
 * webhooks both parties received on a real receiver, signed.
 */
import assert from "node:assert/strict";
import { fundedAgent, getJob, jobEntries, money } from "../jobs/support.js";
import type { TestAgent } from "../support/agents.js";
import { SignedInbox } from "../support/signed-inbox.js";
import { startTestApi, type TestApi } from "../support/test-api.js";
import { assertVaultInvariant } from "../support/wallet.js";
import { apiBalance, deliveredJob, disputed, feesAccrued, jobOutcome, resolved, trustOf } from "./support.js";

const PRICE = 4_000_000;
const FEE = 120_000; // 3 % platform fee
const DISPUTE_FEE = 200_000; // 5 % of the amount, inside 0.10-5 USDC
const LOCKED = PRICE + FEE;

interface Parties {
  client: TestAgent;
  provider: TestAgent;
}

describe("disputes: the three rulings", () => {
  let api: TestApi;
  let serial = 0;
  let inbox: SignedInbox;

  before(async () => {
    api = await startTestApi({ label: "disputes_rulings" });
    inbox = await SignedInbox.open(api, []);
  });
  after(async () => {
    await inbox?.close();
    await api?.close();
  });

  /**
   * The webhooks of a ruled job: the respondent's job.disputed (naming the claimant), the
   * provider's job.created and the settlement's event, the client's job.delivered.
   */
  async function assertHooks(p: Parties, jobId: string, claimant: "client" | "provider", settled: string) {
    const disputedTo = claimant === "client" ? "provider" : "client";
    const expected = {
      client: ["job.delivered", ...(disputedTo === "client" ? ["job.disputed"] : [])],
      provider: ["job.created", settled, ...(disputedTo === "provider" ? ["job.disputed"] : [])],
    };
    for (const side of ["client", "provider"] as const) await inbox.expect(p[side], jobId, expected[side]);
    const notice = inbox.received(p[disputedTo], jobId).find((e) => e.event === "job.disputed");
    assert.equal(notice?.data.claimantAgentId, p[claimant].id);
    assert.equal(notice?.data.fee, `${DISPUTE_FEE}`);
  }

  /** Fresh parties, so each flow's trust scores start from the no-history 0.40. */
  async function parties(): Promise<Parties> {
    serial += 1;
    const p = {
      client: await fundedAgent(api, `ruling-client-${serial}`),
      provider: await fundedAgent(api, `ruling-provider-${serial}`),
    };
    await inbox.add(p.client);
    await inbox.add(p.provider);
    return p;
  }

  /** Delivers and disputes a job by `claimant`, checking the fee and the freeze; returns the job and the balances before. */
  async function fileAs(p: Parties, claimant: "client" | "provider") {
    const before = {
      client: await money(api, p.client),
      provider: await money(api, p.provider),
      fees: await feesAccrued(api),
    };
    const job = await deliveredJob(api, p.client, p.provider, PRICE);
    await assertVaultInvariant(api);

    // When the claimant files a dispute
    const filed = await disputed(api, p[claimant], job.id, { reason: "quality", description: "Off-topic output" });

    // Then the job is frozen with the dispute on it and the fee charged to the claimant
    assert.equal(filed.status, "disputed");
    assert.equal(filed.reviewBy, null);
    assert.deepEqual(
      {
        party: filed.dispute.party,
        claimant: filed.dispute.claimantAgentId,
        respondent: filed.dispute.respondentAgentId,
        reason: filed.dispute.reason,
        description: filed.dispute.description,
        fee: filed.dispute.fee,
        status: filed.dispute.status,
        outcome: filed.dispute.outcome,
      },
      {
        party: claimant,
        claimant: p[claimant].id,
        respondent: (claimant === "client" ? p.provider : p.client).id,
        reason: "quality",
        description: "Off-topic output",
        fee: `${DISPUTE_FEE}`,
        status: "open",
        outcome: null,
      },
    );
    const clientFee = claimant === "client" ? DISPUTE_FEE : 0;
    const providerFee = claimant === "provider" ? DISPUTE_FEE : 0;
    assert.deepEqual(await money(api, p.client), {
      available: before.client.available - LOCKED - clientFee,
      escrowed: before.client.escrowed + LOCKED,
    });
    assert.deepEqual(await money(api, p.provider), {
      available: before.provider.available - providerFee,
      escrowed: before.provider.escrowed,
    });
    assert.deepEqual(await apiBalance(api, p[claimant]), await money(api, p[claimant]));
    assert.equal(await feesAccrued(api), before.fees + DISPUTE_FEE);
    const entries = await jobEntries(api, p[claimant], job.jobAccount);
    assert.deepEqual(entries.at(-1), ["dispute_fee", `${DISPUTE_FEE}`]);
    // And the other party sees the same frozen job
    const seen = (await getJob(api, claimant === "client" ? p.provider : p.client, job.id)).json();
    assert.equal(seen.status, "disputed");
    assert.equal(seen.dispute.id, filed.dispute.id);
    await assertVaultInvariant(api);
    return { job, before };
  }

  it("client files, claimant wins: full refund of amount and fee to the client, the dispute fee kept", async () => {
    // Given a delivered job the client disputes
    const p = await parties();
    const { job, before } = await fileAs(p, "client");
    assert.equal(await trustOf(api, p.client), 0.25, "one dispute filed out of one job: client behaviour 0");
    assert.equal(await trustOf(api, p.provider), 0.4, "an open dispute is not lost yet");
    // And the admin sees it among the open disputes
    const list = await api.request({ method: "GET", url: "/api/v1/admin/disputes", bearer: api.adminKey });
    assert.equal(list.statusCode, 200, list.body);
    const listed = list.json().disputes.find((d: { jobId: string }) => d.jobId === job.id);
    assert.deepEqual(
      [listed.amount, listed.clientAgentId, listed.providerAgentId, listed.reason, listed.fee, listed.outcome],
      [`${PRICE}`, p.client.id, p.provider.id, "quality", `${DISPUTE_FEE}`, null],
    );

    // When the arbiter rules for the claimant
    const ruled = await resolved(api, job.id, { outcome: "claimant", note: "Output did not match the request" });

    // Then the client has everything locked back, and only the dispute fee is gone
    assert.equal(ruled.dispute.status, "resolved");
    assert.equal(ruled.dispute.outcome, "claimant");
    assert.equal(ruled.dispute.note, "Output did not match the request");
    assert.equal(ruled.job.status, "cancelled");
    assert.deepEqual(await money(api, p.client), { available: before.client.available - DISPUTE_FEE, escrowed: 0 });
    assert.deepEqual(await money(api, p.provider), before.provider);
    assert.deepEqual(await apiBalance(api, p.client), await money(api, p.client));
    assert.equal(await feesAccrued(api), before.fees + DISPUTE_FEE);
    assert.deepEqual(await jobEntries(api, p.client, job.jobAccount), [
      ["escrow_lock", `${LOCKED}`],
      ["dispute_fee", `${DISPUTE_FEE}`],
      ["refund", `${LOCKED}`],
    ]);
    assert.deepEqual(await jobEntries(api, p.provider, job.jobAccount), []);
    assert.equal(await jobOutcome(api, job.id), "DisputeClientWon");
    // And the provider lost a dispute and a job; the client keeps its filing on record
    assert.equal(await trustOf(api, p.provider), 0.25);
    assert.equal(await trustOf(api, p.client), 0.25);
    await assertVaultInvariant(api);
    await assertHooks(p, job.id, "client", "job.cancelled");
  });

  it("client files, respondent wins: the provider is paid as on a release", async () => {
    // Given a delivered job the client disputes
    const p = await parties();
    const { job, before } = await fileAs(p, "client");

    // When the arbiter rules for the respondent (the provider)
    const ruled = await resolved(api, job.id, { outcome: "respondent" });

    // Then the provider has the amount, the platform the fee, and the client lost both and the dispute fee
    assert.equal(ruled.job.status, "completed");
    assert.equal(ruled.dispute.note, null);
    assert.deepEqual(await money(api, p.client), {
      available: before.client.available - LOCKED - DISPUTE_FEE,
      escrowed: 0,
    });
    assert.deepEqual(await money(api, p.provider), { available: before.provider.available + PRICE, escrowed: 0 });
    assert.deepEqual(await apiBalance(api, p.provider), await money(api, p.provider));
    assert.equal(await feesAccrued(api), before.fees + DISPUTE_FEE + FEE);
    assert.deepEqual(await jobEntries(api, p.client, job.jobAccount), [
      ["escrow_lock", `${LOCKED}`],
      ["dispute_fee", `${DISPUTE_FEE}`],
      ["spent", `${PRICE}`],
      ["fee", `${FEE}`],
    ]);
    assert.deepEqual(await jobEntries(api, p.provider, job.jobAccount), [["earned", `${PRICE}`]]);
    assert.equal(await jobOutcome(api, job.id), "DisputeProviderWon");
    // And the provider's job counts as completed (0.40 + 0.25 success), the client's filing against it
    assert.equal(await trustOf(api, p.provider), 0.65);
    assert.equal(await trustOf(api, p.client), 0.25);
    await assertVaultInvariant(api);
    await assertHooks(p, job.id, "client", "job.completed");
  });

  it("client files, split: half the amount to the provider, half the fee to the platform, the rest refunded", async () => {
    // Given a delivered job the client disputes
    const p = await parties();
    const { job, before } = await fileAs(p, "client");

    // When the arbiter splits
    const ruled = await resolved(api, job.id, { outcome: "split" });

    // Then the money divides as the program's split does
    const toProvider = PRICE / 2;
    const toPlatform = FEE / 2;
    const toClient = LOCKED - toProvider - toPlatform;
    assert.equal(ruled.job.status, "completed");
    assert.deepEqual(await money(api, p.client), {
      available: before.client.available - LOCKED - DISPUTE_FEE + toClient,
      escrowed: 0,
    });
    assert.deepEqual(await money(api, p.provider), { available: before.provider.available + toProvider, escrowed: 0 });
    assert.equal(await feesAccrued(api), before.fees + DISPUTE_FEE + toPlatform);
    assert.deepEqual(await jobEntries(api, p.client, job.jobAccount), [
      ["escrow_lock", `${LOCKED}`],
      ["dispute_fee", `${DISPUTE_FEE}`],
      ["spent", `${toProvider}`],
      ["fee", `${toPlatform}`],
      ["refund", `${toClient}`],
    ]);
    assert.deepEqual(await jobEntries(api, p.provider, job.jobAccount), [["earned", `${toProvider}`]]);
    assert.equal(await jobOutcome(api, job.id), "DisputeSplit");
    // And a split is half a lost dispute for the provider (0.40 − 0.15 / 2)
    assert.equal(await trustOf(api, p.provider), 0.325);
    assert.equal(await trustOf(api, p.client), 0.25);
    await assertVaultInvariant(api);
    await assertHooks(p, job.id, "client", "job.completed");
  });

  it("provider files, claimant wins: the provider is paid and the client lost as respondent", async () => {
    // Given a delivered job the provider disputes (the client will not accept it)
    const p = await parties();
    const { job, before } = await fileAs(p, "provider");
    assert.equal(await trustOf(api, p.client), 0.4, "being disputed is not filing");

    // When the arbiter rules for the claimant (the provider)
    const ruled = await resolved(api, job.id, { outcome: "claimant" });

    // Then the provider is paid, having paid the dispute fee itself
    assert.equal(ruled.job.status, "completed");
    assert.deepEqual(await money(api, p.provider), {
      available: before.provider.available - DISPUTE_FEE + PRICE,
      escrowed: 0,
    });
    assert.deepEqual(await money(api, p.client), { available: before.client.available - LOCKED, escrowed: 0 });
    assert.deepEqual(await jobEntries(api, p.provider, job.jobAccount), [
      ["dispute_fee", `${DISPUTE_FEE}`],
      ["earned", `${PRICE}`],
    ]);
    assert.equal(await jobOutcome(api, job.id), "DisputeProviderWon");
    // And both trust scores moved: a completed job for the provider, a lost defence for the client
    assert.equal(await trustOf(api, p.provider), 0.65);
    assert.equal(await trustOf(api, p.client), 0.25);
    await assertVaultInvariant(api);
    await assertHooks(p, job.id, "provider", "job.completed");
  });
});
