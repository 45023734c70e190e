/**
 * Pre-funded PDA griefing. Every account the program creates sits at a predictable address,
 * anyone can send lamports there first, and the system program's CreateAccount refuses an
 * address that holds any. Each create path must still succeed: the program tops the account
 * up to rent exemption and allocates and assigns it, so the griefer only donates lamports.
 */
import assert from "node:assert/strict";
import type { Keypair, PublicKey, TransactionInstruction } from "@solana/web3.js";
import { fundedAgent, TestAgent } from "../support/agents.js";
import { openCampaign, solWallet, TestCampaign } from "../support/campaigns.js";
import { assertMoneyInvariants } from "../support/invariant.js";
import { newJob } from "../support/jobs.js";
import { Platform, RUNTIMES } from "../support/platform.js";

/** Rent-exempt minimum of `space` bytes on every cluster. */
const rent = (space: number) => BigInt((128 + space) * 3480 * 2);
/** Below every account's rent, and at least what a transfer may leave at a new address. */
const GRIEF = 1_000_000n;

/** One create path: where it creates an account, and the instruction that does it. */
interface CreatePath {
  type: string;
  space: number;
  /** Rent of the other account the instruction creates, if any (a first claim's task). */
  alsoPays?: bigint;
  /** Prepares the platform; returns the address to grief and the instruction to run then. */
  prepare(p: Platform): Promise<{ address: PublicKey; ix: () => Promise<TransactionInstruction>; signers: Keypair[] }>;
}

async function campaignWithClaimant(p: Platform): Promise<{ c: TestCampaign; a: TestAgent }> {
  await p.initializeConfig();
  const c = await openCampaign(p, { maxPerAgent: 3 });
  return { c, a: await fundedAgent(p, 1_000_000n) };
}

const PATHS: CreatePath[] = [
  {
    type: "config",
    space: 312,
    async prepare(p) {
      return { address: p.config, ix: () => p.initializeConfigIx(), signers: p.initSigners };
    },
  },
  {
    type: "agent",
    space: 144,
    async prepare(p) {
      await p.initializeConfig();
      const a = new TestAgent(p);
      p.track("agent", a.ledger);
      return { address: a.ledger, ix: () => a.registerIx(), signers: [a.wallet] };
    },
  },
  {
    type: "job",
    space: 192,
    async prepare(p) {
      await p.initializeConfig();
      const job = newJob(p, await fundedAgent(p), await fundedAgent(p, 0n));
      return { address: job.address, ix: () => job.createIx(), signers: [job.client.wallet, p.operator] };
    },
  },
  {
    type: "campaign",
    space: 144,
    async prepare(p) {
      await p.initializeConfig();
      const c = await openCampaign(p);
      // A second campaign of the same owner, at the next id.
      const next = new TestCampaign(p, c.owner, c.id + 1n, c.params);
      p.track("campaign", next.address);
      return { address: next.address, ix: () => next.createIx(), signers: [c.owner.wallet] };
    },
  },
  {
    type: "campaignQuota",
    space: 120,
    alsoPays: rent(144),
    async prepare(p) {
      const { c, a } = await campaignWithClaimant(p);
      const t = await c.nextTask(a);
      p.track("task", t.address);
      return { address: t.quota, ix: () => c.claimIx(t), signers: [a.wallet, p.operator] };
    },
  },
  {
    type: "task",
    space: 144,
    async prepare(p) {
      const { c, a } = await campaignWithClaimant(p);
      await c.claim(a);
      const t = await c.nextTask(a);
      p.track("task", t.address);
      return { address: t.address, ix: () => c.claimIx(t), signers: [a.wallet, p.operator] };
    },
  },
];

for (const runtime of RUNTIMES) {
  describe(`pre-funded addresses [${runtime.name}]`, () => {
    let p: Platform;
    let payer: Keypair;
    beforeEach(async () => {
      p = await Platform.start(runtime.start);
      payer = await solWallet(p);
    });

    const lamports = async (k: PublicKey) => (await p.chain.getAccount(k))?.lamports ?? 0n;

    /** Sends with `payer` paying the new account's rent (the fee payer pays the fees). */
    async function sendPaidBy(ix: TransactionInstruction, signers: Keypair[]) {
      ix.keys[0]!.pubkey = payer.publicKey;
      return p.send(ix, [...signers, payer]);
    }

    for (const path of PATHS) {
      it(`creates the ${path.type} account at an address a griefer sent lamports to`, async () => {
        // Given a griefer who sent lamports, below the rent, to the address the instruction creates
        const { address, ix, signers } = await path.prepare(p);
        await p.chain.airdrop(address, GRIEF);
        assert.equal((await p.chain.getAccount(address))?.data.length, 0);
        const before = await lamports(payer.publicKey);

        // When the instruction runs
        const r = await sendPaidBy(await ix(), signers);

        // Then it succeeds, and the account is the program's, rent-exempt and of its type
        assert.equal(r.ok, true, `${r.error}\n${r.logs.join("\n")}`);
        const account = await p.chain.getAccount(address);
        assert.ok(account);
        assert.ok(account.owner.equals(p.program.programId));
        assert.equal(account.data.length, path.space);
        assert.equal(account.lamports, rent(path.space));
        assert.ok(await p.account(path.type, address), `decodes as ${path.type}`);
        // and the payer only paid what the griefer's lamports lacked
        assert.equal(before - (await lamports(payer.publicKey)), rent(path.space) - GRIEF + (path.alsoPays ?? 0n));
        await assertMoneyInvariants(p);
      });
    }

    it("creates a ledger at an address holding more than its rent, at no cost to the payer", async () => {
      // Given a griefer who sent more than a ledger's rent to an agent's ledger address
      await p.initializeConfig();
      const a = new TestAgent(p);
      await p.chain.airdrop(a.ledger, 5_000_000n);
      const before = await lamports(payer.publicKey);
      // When the agent registers
      const r = await sendPaidBy(await a.registerIx(), [a.wallet]);
      // Then the ledger exists with everything the address held, and the payer paid nothing
      assert.equal(r.ok, true, r.error);
      p.track("agent", a.ledger);
      assert.equal((await a.ledgerState()).wallet.toBase58(), a.key.toBase58());
      assert.equal(await lamports(a.ledger), 5_000_000n);
      assert.equal(await lamports(payer.publicKey), before);
      await assertMoneyInvariants(p);
    });

    it("returns what a griefed job account held to its rent payer when the job settles", async () => {
      // Given a job created at an address a griefer had sent lamports to
      await p.initializeConfig();
      const job = newJob(p, await fundedAgent(p), await fundedAgent(p, 0n));
      job.rentPayer = payer;
      await p.chain.airdrop(job.address, GRIEF);
      const before = await lamports(payer.publicKey);
      await job.create();
      const ledgerBefore = await job.client.available();
      // When the client cancels it
      const r = await p.send(await job.refundIx(), [job.client.wallet]);
      // Then the account is gone, the client has its money back, and the payer got the whole
      // balance: its own rent and the griefer's lamports
      assert.equal(r.ok, true, r.error);
      assert.equal(await p.chain.getAccount(job.address), null);
      assert.equal((await job.client.available()) - ledgerBefore, 515_000n);
      assert.equal((await lamports(payer.publicKey)) - before, GRIEF);
      await assertMoneyInvariants(p);
    });
  });
}
