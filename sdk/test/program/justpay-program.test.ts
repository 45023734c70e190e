/**
 * JustPayProgram on a LocalChain with the platform bootstrapped: instructions built with the
 * SDK's builders are sent and run by the real program, the accounts and events they leave are
 * decoded with the IDL coder, and a refused instruction maps to the program's typed error.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { rm } from "node:fs/promises";
import { getAssociatedTokenAddressSync } from "@solana/spl-token";
import { Keypair, PublicKey } from "@solana/web3.js";
import type { LocalChain } from "../../src/chain/local/index.js";
import { bootstrapPlatform } from "../../src/platform/bootstrap.js";
import {
  isUsableJobId,
  JustPayProgram,
  JustPayProgramError,
  programErrorFrom,
  UnknownAccountError,
  UnusableJobIdError,
} from "../../src/program/index.js";
import { send, sendOk } from "../chain/fixtures.js";
import { openLocal, tempDir } from "../chain/local-harness.js";

const sha256 = (text: string) => createHash("sha256").update(text).digest();
const big = (v: { toString(): string }) => BigInt(v.toString());

describe("JustPayProgram on LocalChain", function () {
  this.timeout(60_000);
  let dataDir: string;
  let chain: LocalChain;
  let jp: JustPayProgram;
  const operator = Keypair.generate();
  const client = Keypair.generate();
  const provider = Keypair.generate();
  const stranger = Keypair.generate();

  const payer = () => chain.feePayer;
  /** The ledger's `available`, decoded from the chain. */
  const available = async (wallet: PublicKey) => {
    const account = await chain.getAccount(jp.agentLedger(wallet));
    assert.ok(account, "ledger missing");
    return big(jp.decodeAccount("agent", account.data).available);
  };

  before(async () => {
    dataDir = await tempDir();
    chain = await openLocal({ dataDir });
    await bootstrapPlatform(chain, chain.feePayer, chain.usdcMint, {
      admin: Keypair.generate(),
      operator: operator.publicKey,
      arbiter: Keypair.generate().publicKey,
      treasuryOwner: Keypair.generate().publicKey,
      upgradeAuthority: chain.upgradeAuthority,
    });
    jp = new JustPayProgram({ programId: chain.programId, usdcMint: chain.usdcMint });
    // Client and provider registered with the builders
    for (const agent of [client, provider]) {
      await sendOk(
        chain,
        [jp.instructions.registerAgent({ payer: payer().publicKey, wallet: agent.publicKey })],
        [payer(), agent],
      );
    }
    // Both deposit (activating their ledgers); the client enough to pay for jobs and a campaign
    for (const [agent, amount] of [
      [client, 20_000_000n],
      [provider, 2_000_000n],
    ] as const) {
      const { tokenAccount } = await chain.mintUsdc(agent.publicKey, amount);
      const deposit = jp.instructions.deposit({
        wallet: agent.publicKey,
        operator: operator.publicKey,
        source: tokenAccount,
        vault: jp.vault,
        amount,
        sourceOwner: Keypair.generate().publicKey,
      });
      await sendOk(chain, [deposit], [payer(), agent, operator]);
    }
  });
  after(async () => {
    await chain?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("derives the addresses the bootstrap and the program use", () => {
    assert.ok(jp.programId.equals(chain.programId));
    assert.ok(jp.vault.equals(getAssociatedTokenAddressSync(chain.usdcMint, jp.config, true)));
    const [ledger] = PublicKey.findProgramAddressSync(
      [Buffer.from("agent"), client.publicKey.toBuffer()],
      jp.programId,
    );
    assert.ok(jp.agentLedger(client.publicKey).equals(ledger));
  });

  it("creates a direct job, decodes the Job account and the JobCreated event, then delivers and releases it", async () => {
    const before = await available(client.publicKey);
    const deliverBy = (await chain.unixTime()) + 7_200n;
    const id = jp.usableJobId(client.publicKey, 1n);
    const job = jp.jobAddress(client.publicKey, id);

    // When the client creates a 0.5 USDC job for the provider
    const create = jp.instructions.createJob({
      payer: payer().publicKey,
      client: client.publicKey,
      operator: operator.publicKey,
      id,
      provider: provider.publicKey,
      amount: 500_000n,
      deliverBy,
    });
    const created = await sendOk(chain, [create], [payer(), client, operator]);

    // Then the Job account holds the terms, Accepted (a direct job without acceptance)
    const account = await chain.getAccount(job);
    assert.ok(account);
    assert.equal(jp.accountTypeOf(account.data), "job");
    const state = jp.decodeAccount("job", account.data);
    assert.ok(state.client.equals(client.publicKey));
    assert.ok(state.provider.equals(provider.publicKey));
    assert.ok(state.rentPayer.equals(payer().publicKey));
    assert.equal(big(state.id), id);
    assert.equal(big(state.amount), 500_000n);
    assert.equal(big(state.fee), 15_000n, "3 % platform fee");
    assert.equal(big(state.deliverBy), deliverBy);
    assert.deepEqual(state.status, { accepted: {} });
    // And the event says the same, and the client's ledger paid amount + fee
    const [event, ...more] = jp.decodeEvents(created.logs);
    assert.deepEqual(more, []);
    assert.equal(event?.name, "jobCreated");
    if (event?.name !== "jobCreated") return;
    assert.ok(event.data.job.equals(job));
    assert.equal(big(event.data.amount), 500_000n);
    assert.equal(big(event.data.fee), 15_000n);
    assert.equal(before - (await available(client.publicKey)), 515_000n);
    // A job account is not an agent's
    assert.throws(() => jp.decodeAccount("agent", account.data), UnknownAccountError);

    // When the provider delivers and the client releases
    const outputHash = sha256("the output");
    await sendOk(
      chain,
      [jp.instructions.markDelivered({ provider: provider.publicKey, job, outputHash })],
      [payer(), provider],
    );
    const delivered = await chain.getAccount(job);
    assert.deepEqual(jp.decodeAccount("job", delivered!.data).outputHash, [...outputHash]);
    const providerBefore = await available(provider.publicKey);
    const release = jp.instructions.release({
      authority: client.publicKey,
      job,
      provider: provider.publicKey,
      rentPayer: payer().publicKey,
    });
    const released = await sendOk(chain, [release], [payer(), client]);
    // Then the job is closed, the provider paid, and JobSettled says Released
    assert.equal(await chain.getAccount(job), null);
    assert.equal((await available(provider.publicKey)) - providerBefore, 500_000n);
    const settled = jp.decodeEvents(released.logs).find((e) => e.name === "jobSettled");
    assert.ok(settled?.name === "jobSettled");
    assert.ok(settled.data.job.equals(job));
    assert.deepEqual(settled.data.outcome, { released: {} });
  });

  it("a wrong signer and a wrong ledger PDA are refused by the program and map to its typed errors", async () => {
    const id = jp.usableJobId(client.publicKey, 100n);
    const job = jp.jobAddress(client.publicKey, id);
    const deliverBy = (await chain.unixTime()) + 7_200n;
    const create = jp.instructions.createJob({
      payer: payer().publicKey,
      client: client.publicKey,
      operator: operator.publicKey,
      id,
      provider: provider.publicKey,
      amount: 300_000n,
      deliverBy,
    });
    await sendOk(chain, [create], [payer(), client, operator]);

    // A stranger signs as the provider
    const byStranger = jp.instructions.markDelivered({ provider: stranger.publicKey, job, outputHash: sha256("x") });
    const refused = await send(chain, [byStranger], [payer(), stranger]);
    assert.ok(refused.err, "the program must refuse a stranger");
    const notProvider = programErrorFrom(refused);
    assert.ok(notProvider instanceof JustPayProgramError, JSON.stringify(refused));
    assert.equal(jp.errorFrom(refused.logs)?.name, notProvider.name);
    assert.deepEqual([notProvider.code, notProvider.name], [6008, "Unauthorized"]);

    // The client refunds, naming the provider's ledger where its own belongs
    const refund = jp.instructions.refund({
      authority: client.publicKey,
      job,
      client: provider.publicKey,
      rentPayer: payer().publicKey,
    });
    const wrongLedger = await send(chain, [refund], [payer(), client]);
    assert.ok(wrongLedger.err, "the program must refuse another agent's ledger");
    const mismatch = programErrorFrom(wrongLedger);
    assert.deepEqual([mismatch?.code, mismatch?.name], [6025, "PartyMismatch"], wrongLedger.logs.join("\n"));
    // The job is untouched
    assert.deepEqual(jp.decodeAccount("job", (await chain.getAccount(job))!.data).status, { accepted: {} });
  });

  it("runs a campaign task with the builders: created, claimed, delivered and paid (auto-accept)", async () => {
    // Given the client's campaign of 0.05 USDC tasks
    const campaign = jp.campaignAddress(client.publicKey, 1n);
    const create = jp.instructions.createCampaign({
      payer: payer().publicKey,
      owner: client.publicKey,
      id: 1n,
      reward: 50_000n,
      budget: 1_000_000n,
      maxPerAgent: 1,
      dailyLimit: 0,
      maxConcurrentClaims: 10,
      reviewTimeout: 300,
      claimTimeout: 300,
      durationDays: 30,
      autoAccept: true,
    });
    const created = await sendOk(chain, [create], [payer(), client]);
    assert.equal(jp.decodeEvents(created.logs)[0]?.name, "campaignCreated");
    assert.equal(jp.accountTypeOf((await chain.getAccount(campaign))!.data), "campaign");
    // When the provider claims its first task (index 0: no quota yet) and delivers
    const claim = jp.instructions.claimTask({
      payer: payer().publicKey,
      wallet: provider.publicKey,
      operator: operator.publicKey,
      campaign,
      claimIndex: 0,
    });
    const claimed = await sendOk(chain, [claim], [payer(), provider, operator]);
    const task = jp.taskAddress(campaign, provider.publicKey, 0);
    const taskState = jp.decodeAccount("task", (await chain.getAccount(task))!.data);
    assert.ok(taskState.agent.equals(provider.publicKey));
    assert.equal(big(taskState.amount), 50_000n);
    const quota = jp.decodeAccount(
      "campaignQuota",
      (await chain.getAccount(jp.quotaAddress(campaign, provider.publicKey)))!.data,
    );
    assert.equal(quota.totalClaims, 1);
    assert.ok(jp.decodeEvents(claimed.logs).some((e) => e.name === "taskClaimed"));
    const before = await available(provider.publicKey);
    const deliver = jp.instructions.deliverTask({
      wallet: provider.publicKey,
      campaign,
      task,
      rentPayer: taskState.rentPayer,
      outputHash: sha256("the post"),
    });
    const delivered = await sendOk(chain, [deliver], [payer(), provider]);
    // Then the task is paid at once and closed
    const paid = jp.decodeEvents(delivered.logs).find((e) => e.name === "taskPaid");
    assert.ok(paid?.name === "taskPaid");
    assert.equal(big(paid.data.amount), 50_000n);
    assert.equal((await available(provider.publicKey)) - before, 50_000n);
    assert.equal(await chain.getAccount(task), null);
  });

  it("refuses, before sending, a job id the program cannot create", () => {
    let id = 1n;
    while (isUsableJobId(jp.programId, client.publicKey, id)) id++;
    assert.throws(
      () =>
        jp.instructions.createJob({
          payer: payer().publicKey,
          client: client.publicKey,
          operator: operator.publicKey,
          id,
          provider: null,
          amount: 1n,
          deliverBy: 1n,
        }),
      UnusableJobIdError,
    );
  });

  it("builds the campaign claim and delivery with the quota and task PDAs derived", () => {
    const campaign = jp.campaignAddress(client.publicKey, 7n);
    const claim = jp.instructions.claimTask({
      payer: payer().publicKey,
      wallet: provider.publicKey,
      operator: operator.publicKey,
      campaign,
      claimIndex: 2,
    });
    const task = jp.taskAddress(campaign, provider.publicKey, 2);
    const keys = claim.keys.map((k) => k.pubkey.toBase58());
    assert.ok(keys.includes(jp.quotaAddress(campaign, provider.publicKey).toBase58()));
    assert.ok(keys.includes(task.toBase58()));
    assert.deepEqual(
      claim.keys.filter((k) => k.isSigner).map((k) => k.pubkey.toBase58()),
      [payer().publicKey, provider.publicKey, operator.publicKey].map((k) => k.toBase58()),
    );
    const deliver = jp.instructions.deliverTask({
      wallet: provider.publicKey,
      campaign,
      task,
      rentPayer: payer().publicKey,
      outputHash: sha256("post"),
    });
    assert.ok(deliver.keys[2]!.pubkey.equals(task));
    assert.throws(
      () =>
        jp.instructions.deliverTask({ wallet: provider.publicKey, campaign, task, rentPayer: task, outputHash: [1] }),
      RangeError,
    );
  });
});
