/**
 * The rules that keep a job from locking money for good or multiplying: a named provider
 * must have a ledger (release and resolve_dispute pay into it), deadlines lie at most
 * 30 days ahead, and a job exists only at bump 255, so one (client, id) names one job.
 */
import assert from "node:assert/strict";
import { agentPda, isUsableJobId } from "@justpay/sdk";
import { Keypair, type PublicKey } from "@solana/web3.js";
import { fundedAgent, type TestAgent } from "../support/agents.js";
import { assertRefused, at, copyOf, itRefusesEach, type Refusal, substitute } from "../support/attempts.js";
import { assertMoneyInvariants } from "../support/invariant.js";
import { createdJob, deliveredJob, newJob, type TestJob } from "../support/jobs.js";
import { addressAt } from "../support/pdas.js";
import { Platform, RUNTIMES } from "../support/platform.js";

const big = (v: unknown) => BigInt((v as { toString(): string }).toString());
const HORIZON = 30n * 86_400n;

/** The job address of (client, id) at `bump`, or null where that bump derives none. */
function jobAddressAt(p: Platform, client: TestAgent, id: bigint, bump: number): PublicKey | null {
  const idLe = Buffer.alloc(8);
  idLe.writeBigUInt64LE(id);
  return addressAt([Buffer.from("job"), client.key.toBuffer(), idLe], bump, p.program.programId);
}

/** A create_job attempt for (client, id) at `bump`, aimed at that bump's address. */
async function createAtBump(p: Platform, client: TestAgent, provider: TestAgent, id: bigint, bump: number) {
  const job = newJob(p, client, provider, id);
  const address = jobAddressAt(p, client, id, bump)!;
  const ix = await job.createIx({}, { job: address });
  ix.data = Buffer.from(ix.data);
  ix.data[ix.data.length - 1] = bump;
  return { address, attempt: { ix, signers: job.createSigners } };
}

for (const runtime of RUNTIMES) {
  describe(`job guards [${runtime.name}]`, () => {
    let p: Platform;
    let client: TestAgent;
    let provider: TestAgent;
    const platform = () => p;

    beforeEach(async () => {
      p = await Platform.start(runtime.start);
      await p.initializeConfig();
      client = await fundedAgent(p); // 49 USDC available
      provider = await fundedAgent(p);
    });

    describe("a named provider must have a ledger", () => {
      /** A direct job for `wallet`, showing `ledger` as its provider's ledger. */
      const directFor = async (wallet: PublicKey, ledger: PublicKey) => {
        const job = newJob(p, client, provider);
        const ix = await job.createIx({}, { providerAgent: ledger });
        // The provider argument sits right after the 8-byte discriminator and the u64 id.
        ix.data = Buffer.from(ix.data);
        wallet.toBuffer().copy(ix.data, 16);
        return { job, attempt: { ix, signers: job.createSigners } };
      };

      it("refuses a direct job for a wallet that never registered, so its escrow cannot be stranded", async () => {
        // Given a wallet with no ledger, whose ledger address a griefer has even funded
        const stranger = Keypair.generate().publicKey;
        const ledger = agentPda(p.program.programId, stranger).address;
        await p.chain.airdrop(ledger, 1_000_000n);
        // When a client hires it directly
        const { job, attempt } = await directFor(stranger, ledger);
        // Then the job is refused and nothing is locked
        await assertRefused(p, attempt, "ProviderNotRegistered", [client.ledger, job.address]);
        assert.equal(await p.chain.getAccount(job.address), null);
        assert.equal(await client.available(), 49_000_000n);
      });

      it("refuses an open job's assignment to a wallet that never registered", async () => {
        const job = await createdJob(p, client, null);
        const stranger = Keypair.generate().publicKey;
        await assertRefused(
          p,
          { ix: await job.assignIx(stranger), signers: [client.wallet] },
          "ProviderNotRegistered",
          [job.address],
        );
        assert.equal(await job.status(), "open");
        // while a registered applicant can be assigned
        await job.assign(provider);
        assert.equal(await job.status(), "accepted");
      });

      const createRefusals = (): Refusal[] => [
        [
          "with another agent's ledger as the provider's",
          async () => (await directFor(provider.key, (await fundedAgent(p, 0n)).ledger)).attempt,
          "PartyMismatch",
        ],
        [
          "with a copy of the provider's ledger owned by another program",
          async () =>
            (await directFor(provider.key, await copyOf(p, provider.ledger, Keypair.generate().publicKey))).attempt,
          "ProviderNotRegistered",
        ],
        [
          "with the config in place of the provider's ledger",
          async () => (await directFor(provider.key, p.config)).attempt,
          "ProviderNotRegistered",
        ],
        [
          "with a job in place of the provider's ledger",
          async () => (await directFor(provider.key, (await createdJob(p, client, provider)).address)).attempt,
          "ProviderNotRegistered",
        ],
      ];
      describe("create_job", () => itRefusesEach(platform, createRefusals(), () => [client.ledger]));

      describe("assign_provider", () => {
        let open: TestJob;
        beforeEach(async () => {
          open = await createdJob(p, client, null);
        });
        const assignWith = async (ledger: PublicKey) =>
          substitute(
            { ix: await open.assignIx(provider.key), signers: [client.wallet] },
            at(p, "assignProvider", "providerAgent"),
            ledger,
          );
        itRefusesEach(platform, [
          ["with the client's ledger as the provider's", () => assignWith(client.ledger), "PartyMismatch"],
          [
            "with a copy of the provider's ledger owned by another program",
            async () => assignWith(await copyOf(p, provider.ledger, Keypair.generate().publicKey)),
            "ProviderNotRegistered",
          ],
          ["with the config in place of the provider's ledger", () => assignWith(p.config), "ProviderNotRegistered"],
        ]);
      });

      it("settles through release, refund and resolve_dispute even after lamports are sent to the provider's ledger", async () => {
        // Given jobs whose provider's ledger somebody sent lamports to
        const released = await deliveredJob(p, client, provider, { amount: 1_000_000n });
        const refunded = await createdJob(p, client, provider, { amount: 2_000_000n });
        const disputed = await deliveredJob(p, client, provider, { amount: 3_000_000n });
        await disputed.dispute(client);
        await p.chain.airdrop(provider.ledger, 5_000_000n);
        const before = await provider.available();
        // When each settles, then each completes: a ledger is a live program account
        await released.release();
        await refunded.refund();
        await disputed.resolve("respondentWins");
        for (const j of [released, refunded, disputed]) assert.equal(await j.status(), "closed");
        assert.equal(await provider.available(), before + 1_000_000n + 3_000_000n);
        await assertMoneyInvariants(p);
      });
    });

    describe("deadlines at most 30 days ahead", () => {
      it("accepts a direct job due exactly 30 days from now and refuses one a second later", async () => {
        const now = await p.chain.now();
        const late = newJob(p, client, provider);
        await assertRefused(
          p,
          { ix: await late.createIx({ deliverBy: now + HORIZON + 1n }), signers: late.createSigners },
          "InvalidDeadline",
          [client.ledger, late.address],
        );
        const job = await createdJob(p, client, provider, { deliverBy: now + HORIZON });
        assert.equal(big((await job.state())!.deliverBy), now + HORIZON);
        await assertMoneyInvariants(p);
      });

      it("bounds an open job's application window and delivery by the same horizon", async () => {
        const now = await p.chain.now();
        const tooLate = [
          { applyBy: now + HORIZON, deliverBy: now + HORIZON + 1n },
          { applyBy: now + HORIZON + 1n, deliverBy: now + HORIZON + 2n },
          // the far future a griefer would pick to lock the rent payer's lamports for good
          { applyBy: 2n ** 62n, deliverBy: 2n ** 62n + 1n },
        ];
        for (const deadlines of tooLate) {
          const job = newJob(p, client, null);
          await assertRefused(p, { ix: await job.createIx(deadlines), signers: job.createSigners }, "InvalidDeadline", [
            client.ledger,
            job.address,
          ]);
        }
        const job = await createdJob(p, client, null, { applyBy: now + HORIZON - 1n, deliverBy: now + HORIZON });
        assert.equal(await job.status(), "open");
      });
    });

    describe("one job per (client, id): bump 255 only", () => {
      it("refuses a second job for the same (client, id) at another valid bump", async () => {
        // Given an id whose bump-255 address exists and which also has a valid lower bump
        let id = 1_000n;
        let lower = -1;
        for (; lower < 0; id++) {
          if (!isUsableJobId(p.program.programId, client.key, id)) continue;
          for (let b = 254; b >= 0 && lower < 0; b--) if (jobAddressAt(p, client, id, b)) lower = b;
        }
        id--;
        const job = await createdJob(p, client, provider, { id });
        assert.equal((await job.state())!.bump, 255);
        // When the client tries the same id at the lower bump, then it is refused
        const { address, attempt } = await createAtBump(p, client, provider, id, lower);
        await assertRefused(p, attempt, "InvalidAddress", [client.ledger]);
        assert.equal(await p.chain.getAccount(address), null);
        await assertMoneyInvariants(p);
      });

      it("refuses an id whose bump-255 address does not exist, even at its canonical bump", async () => {
        let id = 1_000n;
        while (isUsableJobId(p.program.programId, client.key, id)) id++;
        let canonical = 254;
        while (!jobAddressAt(p, client, id, canonical)) canonical--;
        const { address, attempt } = await createAtBump(p, client, provider, id, canonical);
        await assertRefused(p, attempt, "InvalidAddress", [client.ledger]);
        assert.equal(await p.chain.getAccount(address), null);
      });
    });
  });
}
