/**
 * The program from a stock @coral-xyz/anchor client built from target/idl alone, as an
 * outside Anchor user (or an explorer) sees it:
 * - a refused instruction comes back as Anchor's typed `AnchorError`, with the IDL's name and
 *   code, because the program logs Anchor's error line;
 * - PDAs left out of `.accounts({...})` are derived by Anchor's resolver from the IDL's seeds,
 *   to the same addresses the SDK derives, and the transactions succeed.
 * Setup goes through the test helpers; only the instructions under test use the stock client.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { AnchorError, AnchorProvider, type Program, Wallet } from "@coral-xyz/anchor";
import { agentPda, campaignPda, jobPda, usableJobId } from "@justpay/sdk";
import { openLocal, startRpcStandIn } from "@justpay/sdk/testing";
import { getAssociatedTokenAddressSync } from "@solana/spl-token";
import { Connection, Keypair, PublicKey, TransactionInstruction } from "@solana/web3.js";
import BN from "bn.js";
import type { JustpayEscrow } from "../../target/types/justpay_escrow.js";
import { fundedAgent, TestAgent } from "../support/agents.js";
import { anchorProgram, IDL_PATH, TestChainProvider } from "../support/anchor-provider.js";
import { DEFAULT_CAMPAIGN, expectOk, quotaPda, TestCampaign, taskPda } from "../support/campaigns.js";
import { assertMoneyInvariants } from "../support/invariant.js";
import { newJob } from "../support/jobs.js";
import { Platform, RUNTIMES } from "../support/platform.js";

/** The IDL file as committed: error names are PascalCase there, as the program logs them. */
const IDL_FILE = JSON.parse(readFileSync(IDL_PATH, "utf8")) as {
  errors: { code: number; name: string; msg: string }[];
};
const idlError = (name: string) => {
  const e = IDL_FILE.errors.find((x) => x.name === name);
  assert.ok(e, `the IDL has no error ${name}`);
  return e;
};

/** Awaits a rejection and returns it, failing if the promise resolves. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  assert.fail("expected the transaction to be refused, but it succeeded");
}

/** The failure is Anchor's typed error for the IDL error `name`, raised by `programId`. */
function assertAnchorError(e: unknown, name: string, programId: PublicKey): void {
  assert.ok(e instanceof AnchorError, `expected an AnchorError, got ${String(e)}`);
  const expected = idlError(name);
  assert.deepEqual(e.error.errorCode, { code: expected.name, number: expected.code });
  assert.equal(e.error.errorMessage, expected.msg);
  assert.ok(e.program.equals(programId), `raised by ${e.program.toBase58()}`);
}

/** Each resolved key equals the expected address. */
function assertResolved(resolved: Record<string, unknown>, expected: Record<string, PublicKey>): void {
  for (const [name, address] of Object.entries(expected)) {
    const key = resolved[name];
    assert.ok(key instanceof PublicKey, `Anchor resolved no ${name}`);
    assert.equal(key.toBase58(), address.toBase58(), name);
  }
}

interface Builder {
  pubkeys(): Promise<Record<string, unknown>>;
  rpc(): Promise<string>;
}

/** Anchor resolves the expected addresses, and the transaction it builds with them lands. */
async function sendResolved(builder: Builder, expected: Record<string, PublicKey>): Promise<void> {
  assertResolved(await builder.pubkeys(), expected);
  await builder.rpc();
}

for (const runtime of RUNTIMES) {
  describe(`stock Anchor client from the IDL [${runtime.name}]`, () => {
    let p: Platform;
    let program: Program<JustpayEscrow>;
    let programId: PublicKey;

    beforeEach(async () => {
      p = await Platform.start(runtime.start);
      await p.initializeConfig();
      programId = p.chain.programId;
      program = anchorProgram(programId, new TestChainProvider(p.chain));
    });

    describe("errors", () => {
      it(".rpc() rejects a refused instruction with an AnchorError carrying the IDL's name and code", async () => {
        // Given an activated agent that never set a withdrawal address
        const agent = await fundedAgent(p);
        const before = await agent.available();
        // When it withdraws through the stock client
        const withdraw = program.methods
          .withdraw(new BN(5_000_000))
          .accounts({ wallet: agent.key, vault: p.vault, destination: agent.usdc })
          .signers([agent.wallet])
          .rpc();
        // Then Anchor's own error translation yields the typed error, and nothing moved
        assertAnchorError(await rejection(withdraw), "NoWithdrawalAddress", programId);
        assert.equal(await agent.available(), before);
        await assertMoneyInvariants(p);
      });

      it("logs the line once on a failure that precedes any account check, and never on success", async () => {
        // Given an instruction whose discriminator names no instruction
        const unknown = new TransactionInstruction({ programId, keys: [], data: Buffer.alloc(8) });
        // When it is sent
        const refused = await p.send(unknown);
        // Then Anchor's log parser reads InvalidInstruction from exactly one line
        assert.equal(refused.ok, false);
        assert.equal(refused.logs.filter((l) => l.includes("AnchorError")).length, 1, refused.logs.join("\n"));
        assertAnchorError(AnchorError.parse(refused.logs), "InvalidInstruction", programId);
        // And a successful instruction logs no error line
        const agent = new TestAgent(p);
        const ok = expectOk(await p.send(await agent.registerIx(), [agent.wallet]), "register_agent");
        assert.ok(!ok.logs.some((l) => l.includes("AnchorError")), ok.logs.join("\n"));
      });
    });

    describe("account resolution from the IDL's PDA seeds", () => {
      it("derives ledgers and the config from the wallet, and the job from the client and its id", async () => {
        // Given two activated agents
        const client = await fundedAgent(p);
        const provider = await fundedAgent(p);

        // When the provider sets its withdrawal address naming only its wallet
        const setAddress = program.methods
          .setWithdrawalAddress(provider.personal.publicKey)
          .accounts({ wallet: provider.key })
          .signers([provider.wallet]);
        // Then Anchor derives its ledger and the config as the SDK does, and the instruction lands
        await sendResolved(setAddress, { agent: provider.ledger, config: p.config });

        // When the client creates a job naming only the signers
        const id = usableJobId(programId, client.key, 77n);
        const job = jobPda(programId, client.key, id);
        const now = BigInt((await p.chain.now()).toString());
        const createJob = program.methods
          .createJob(
            new BN(id.toString()),
            provider.key,
            new BN(500_000),
            new BN(0),
            new BN((now + 7_200n).toString()),
            false,
            job.bump,
          )
          .accounts({ payer: p.chain.payer.publicKey, client: client.key, operator: p.operator.publicKey })
          .signers([client.wallet, p.operator]);
        // Then the job address comes from the client's key and the id argument
        await sendResolved(createJob, {
          clientAgent: agentPda(programId, client.key).address,
          config: p.config,
          job: job.address,
        });
        p.track("job", job.address);
        await assertMoneyInvariants(p);
      });

      it("derives a job's ledgers from the job's own data when settling it", async () => {
        // Given a delivered job and an accepted one
        const client = await fundedAgent(p);
        const provider = await fundedAgent(p);
        const delivered = await newJob(p, client, provider);
        await delivered.create();
        await delivered.deliver();
        const accepted = await newJob(p, client, provider);
        await accepted.create();

        // When the client releases the first naming only itself, the job and the rent payer
        const release = program.methods
          .release()
          .accounts({ authority: client.key, job: delivered.address, rentPayer: p.chain.payer.publicKey })
          .signers([client.wallet]);
        // Then Anchor fetched the job to derive the provider's ledger from job.provider
        await sendResolved(release, { providerAgent: provider.ledger, config: p.config });
        assert.equal(await delivered.status(), "closed");

        // When the client refunds the second
        const refund = program.methods
          .refund()
          .accounts({ authority: client.key, job: accepted.address, rentPayer: p.chain.payer.publicKey })
          .signers([client.wallet]);
        // Then its own ledger comes from job.client
        await sendResolved(refund, { clientAgent: client.ledger });
        assert.equal(await accepted.status(), "closed");
        await assertMoneyInvariants(p);
      });

      it("derives the campaign, the claimant's quota and its next task, and the ledgers of settlement", async () => {
        // Given an owner and a claimant
        const owner = await fundedAgent(p, 20_000_000n);
        const claimant = await fundedAgent(p, 1_000_000n);
        const params = { ...DEFAULT_CAMPAIGN, maxPerAgent: 2, autoAccept: false };
        const id = 5n;
        const campaign = new TestCampaign(p, owner, id, params);

        // When the owner creates a campaign naming only the signers
        const create = program.methods
          .createCampaign(...campaign.createArgs(campaignPda(programId, owner.key, id).bump))
          .accounts({ payer: p.chain.payer.publicKey, owner: owner.key })
          .signers([owner.wallet]);
        // Then the campaign comes from the owner's key and the id argument
        await sendResolved(create, {
          ownerAgent: owner.ledger,
          config: p.config,
          campaign: campaignPda(programId, owner.key, id).address,
        });
        p.track("campaign", campaign.address);

        // When the claimant claims for the first time, its quota does not exist yet, so the task
        // index Anchor would read from it is unknown: the resolver stops and names the task
        const quota = quotaPda(programId, campaign.address, claimant.key).address;
        const first = taskPda(programId, quota, 0);
        const claim = (taskBump: number) =>
          program.methods
            .claimTask(taskBump, campaign.quota(claimant).bump)
            .accounts({
              payer: p.chain.payer.publicKey,
              wallet: claimant.key,
              operator: p.operator.publicKey,
              campaign: campaign.address,
            })
            .signers([claimant.wallet, p.operator]);
        assert.match(String(await rejection(claim(first.bump).pubkeys())), /Unresolved accounts: `task`/);
        // so the first claim names its task (index 0), and everything else is still derived
        const firstClaim = claim(first.bump).accountsPartial({ task: first.address });
        await sendResolved(firstClaim, { agent: claimant.ledger, config: p.config, quota });
        p.track("task", first.address);

        // When the claimant claims again with its quota in place
        const second = taskPda(programId, quota, 1);
        const secondClaim = claim(second.bump);
        // Then Anchor read quota.total_claims (1) to derive the task
        await sendResolved(secondClaim, { quota, task: second.address });
        p.track("task", second.address);

        // When the first task is delivered and the owner accepts it naming only the task
        const firstRef = { ...first, agent: claimant, quota, index: 0, rentPayer: p.chain.payer.publicKey };
        await campaign.deliver(firstRef);
        const accept = program.methods
          .acceptTask()
          .accounts({
            authority: owner.key,
            campaign: campaign.address,
            task: first.address,
            rentPayer: p.chain.payer.publicKey,
          })
          .signers([owner.wallet]);
        // Then the claimant's ledger comes from task.agent
        await sendResolved(accept, { agent: claimant.ledger, config: p.config });

        // When anyone's cancel names the campaign only
        const cancel = program.methods
          .cancelCampaign()
          .accounts({ authority: owner.key, campaign: campaign.address, rentPayer: p.chain.payer.publicKey })
          .signers([owner.wallet]);
        // Then the owner's ledger comes from campaign.owner
        await sendResolved(cancel, { ownerAgent: owner.ledger });
        assert.equal(await campaign.status(), "cancelled");
        await assertMoneyInvariants(p);
      });
    });
  });
}

describe("stock Anchor client over JSON-RPC (AnchorProvider and Connection)", () => {
  it(".rpc() rejects with the AnchorError, through preflight simulation as on a real cluster", async () => {
    // Given the embedded chain behind a JSON-RPC endpoint, and Anchor's own provider on it
    const local = await openLocal({ durable: false });
    const standin = await startRpcStandIn(local);
    try {
      const provider = new AnchorProvider(new Connection(standin.url, "confirmed"), new Wallet(local.feePayer), {
        commitment: "confirmed",
      });
      const program = anchorProgram(local.programId, provider);
      // When a wallet with no ledger withdraws (Anchor derives the missing ledger's address)
      const wallet = Keypair.generate();
      const mint = Keypair.generate().publicKey;
      const withdraw = program.methods
        .withdraw(new BN(5_000_000))
        .accounts({
          wallet: wallet.publicKey,
          vault: getAssociatedTokenAddressSync(mint, wallet.publicKey),
          destination: getAssociatedTokenAddressSync(mint, wallet.publicKey),
        })
        .signers([wallet])
        .rpc();
      // Then the ledger is refused as not the program's, as Anchor's typed error
      assertAnchorError(await rejection(withdraw), "InvalidOwner", local.programId);
    } finally {
      await standin.close();
      await local.close();
    }
  });
});
