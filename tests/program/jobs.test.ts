/**
 * The job lifecycle: create_job, assign_provider, accept_job, mark_delivered, release and
 * refund. Disputes are in disputes.test.ts.
 */
import assert from "node:assert/strict";
import { Keypair, PublicKey } from "@solana/web3.js";
import BN from "bn.js";
import { updateConfig } from "../support/admin.js";
import { fundedAgent, type TestAgent } from "../support/agents.js";
import {
  assertAccepted,
  assertRefused,
  at,
  copyOf,
  itChecksSignersAndWritability,
  substitute,
  watched,
} from "../support/attempts.js";
import { assertMoneyInvariants } from "../support/invariant.js";
import { createdJob, deliveredJob, feeOf, hash32, newJob, type TestJob, variant } from "../support/jobs.js";
import { Platform, RUNTIMES } from "../support/platform.js";

const JOB_RENT = BigInt((128 + 192) * 3480 * 2);
const U64_MAX = 2n ** 64n - 1n;
const big = (v: unknown) => BigInt((v as { toString(): string }).toString());

for (const runtime of RUNTIMES) {
  describe(`jobs [${runtime.name}]`, () => {
    let p: Platform;
    let client: TestAgent;
    let provider: TestAgent;
    const platform = () => p;

    beforeEach(async () => {
      p = await Platform.start(runtime.start);
      await p.initializeConfig();
      client = await fundedAgent(p); // 50 USDC deposited, 49 available after activation
      provider = await fundedAgent(p);
    });

    const now = () => p.chain.now();
    const lamports = async (k: PublicKey) => (await p.chain.getAccount(k))?.lamports ?? 0n;
    /** A job whose rent is paid by its own keypair, so rent refunds can be checked exactly. */
    async function withOwnRentPayer(job: TestJob): Promise<TestJob> {
      job.rentPayer = Keypair.generate();
      await p.chain.airdrop(job.rentPayer.publicKey, 1_000_000_000n);
      return job;
    }

    describe("create_job", () => {
      it("creates a direct job that waits for acceptance, locking amount + 3% fee from the client", async () => {
        // Given a client with 49 USDC available
        const before = await client.available();
        const job = await withOwnRentPayer(newJob(p, client, provider));
        const payerBefore = await lamports(job.rentPayer.publicKey);
        const t = await now();

        // When it hires the provider for 0.5 USDC
        const r = await job.create({ amount: 500_000n, requiresAcceptance: true, deliverBy: t + 3_600n });

        // Then 0.515 USDC moves from its ledger into the job
        assert.equal(await client.available(), before - 515_000n);
        const s = (await job.state())!;
        assert.equal(variant(s.status), "funded");
        assert.ok(s.client.equals(client.key));
        assert.ok(s.provider.equals(provider.key));
        assert.ok(s.rentPayer.equals(job.rentPayer.publicKey));
        assert.equal(big(s.id), job.id);
        assert.equal(big(s.amount), 500_000n);
        assert.equal(big(s.fee), 15_000n);
        assert.equal(big(s.applyBy), 0n);
        assert.equal(big(s.deliverBy), t + 3_600n);
        assert.equal(big(s.reviewBy), 0n);
        assert.equal(variant(s.claimant), "none");
        assert.equal(s.bump, job.bump);
        assert.deepEqual([...s.outputHash], new Array(32).fill(0));
        // and the payer funded exactly the rent of a 192-byte account
        const raw = (await p.chain.getAccount(job.address))!;
        assert.equal(raw.data.length, 192);
        assert.ok(raw.owner.equals(p.program.programId));
        assert.equal(raw.lamports, JOB_RENT);
        assert.equal(await lamports(job.rentPayer.publicKey), payerBefore - JOB_RENT);
        // and the event tells the indexer everything
        assert.deepEqual(
          r.events.map((e) => e.name),
          ["jobCreated"],
        );
        const e = r.events[0]!.data;
        assert.ok((e.job as PublicKey).equals(job.address));
        assert.ok((e.client as PublicKey).equals(client.key));
        assert.ok((e.provider as PublicKey).equals(provider.key));
        assert.equal(big(e.id), job.id);
        assert.equal(big(e.amount), 500_000n);
        assert.equal(big(e.fee), 15_000n);
        assert.equal(big(e.deliverBy), t + 3_600n);
        assert.equal(variant(e.status), "funded");
        await assertMoneyInvariants(p);
      });

      it("creates a direct job that starts Accepted when the service auto-accepts", async () => {
        const job = await createdJob(p, client, provider, { requiresAcceptance: false });
        assert.equal(await job.status(), "accepted");
        await assertMoneyInvariants(p);
      });

      it("creates an open job with no provider that takes applications until apply_by", async () => {
        const t = await now();
        const job = await createdJob(p, client, null, {
          amount: 5_000_000n,
          applyBy: t + 86_400n,
          deliverBy: t + 90_000n,
        });
        const s = (await job.state())!;
        assert.equal(variant(s.status), "open");
        assert.ok(s.provider.equals(PublicKey.default));
        assert.equal(big(s.applyBy), t + 86_400n);
        assert.equal(big(s.fee), 150_000n);
        assert.equal(await client.available(), 49_000_000n - 5_150_000n);
        await assertMoneyInvariants(p);
      });

      it("rounds the fee down to the micro-unit", async () => {
        const job = await createdJob(p, client, provider, { amount: 1_333n });
        assert.equal(big((await job.state())!.fee), feeOf(1_333n));
        assert.equal(feeOf(1_333n), 39n);
      });

      it("takes a job of exactly the minimum amount, which still pays a fee", async () => {
        // Given the seed's minimum of 1 000 micro-USDC
        const job = await createdJob(p, client, provider, { amount: 1_000n });
        // Then the job locks it and a fee of 30
        const s = (await job.state())!;
        assert.equal(big(s.amount), 1_000n);
        assert.equal(big(s.fee), 30n);
        await assertMoneyInvariants(p);
      });

      it("follows the configured minimum when the admin raises it", async () => {
        await updateConfig(p, { params: { minJobAmount: new BN(2_000) } });
        await assertRefused(p, await direct({ amount: 1_999n }), "InvalidAmount", [client.ledger]);
        await createdJob(p, client, provider, { amount: 2_000n });
        await assertMoneyInvariants(p);
      });

      const direct = async (init = {}) => {
        const job = newJob(p, client, provider);
        return { ix: await job.createIx(init), signers: job.createSigners };
      };
      itChecksSignersAndWritability("create_job", platform, () => direct(), ["payer"]);

      const refusals: [string, () => Promise<{ ix: any; signers: Keypair[] }>, string][] = [
        [
          "co-signed by a stranger instead of the operator",
          async () => substitute(await direct(), at(p, "createJob", "operator"), Keypair.generate()),
          "Unauthorized",
        ],
        [
          "debiting another agent's ledger",
          async () => substitute(await direct(), at(p, "createJob", "clientAgent"), provider.ledger),
          "PartyMismatch",
        ],
        [
          "with a config owned by another program",
          async () =>
            substitute(
              await direct(),
              at(p, "createJob", "config"),
              await copyOf(p, p.config, Keypair.generate().publicKey),
            ),
          "InvalidOwner",
        ],
        [
          "with an agent ledger in place of the config",
          async () => substitute(await direct(), at(p, "createJob", "config"), provider.ledger),
          "InvalidAccountData",
        ],
        [
          "with a wrong system program",
          async () => substitute(await direct(), at(p, "createJob", "systemProgram"), Keypair.generate().publicKey),
          "InvalidProgramId",
        ],
        ["for nothing", () => direct({ amount: 0n }), "InvalidAmount"],
        ["for less than the minimum job amount", () => direct({ amount: 999n }), "InvalidAmount"],
        ["for more than the client has", () => direct({ amount: 48_000_000n }), "InsufficientFunds"],
        ["for an amount whose fee overflows u64", () => direct({ amount: U64_MAX }), "Overflow"],
        [
          "for the largest amount whose total still fits but is not covered",
          () => direct({ amount: U64_MAX / 2n }),
          "InsufficientFunds",
        ],
        [
          "hiring oneself",
          async () => {
            const job = newJob(p, client, client);
            return { ix: await job.createIx(), signers: job.createSigners };
          },
          "SelfDealing",
        ],
        ["with a delivery deadline now", async () => direct({ deliverBy: await now() }), "InvalidDeadline"],
        [
          "with a delivery deadline in the past",
          async () => direct({ deliverBy: (await now()) - 1n }),
          "InvalidDeadline",
        ],
        [
          "for an open job whose application window already closed",
          async () => {
            const job = newJob(p, client, null);
            return { ix: await job.createIx({ applyBy: await now() }), signers: job.createSigners };
          },
          "InvalidDeadline",
        ],
        [
          "for an open job that must be delivered before applications close",
          async () => {
            const job = newJob(p, client, null);
            const t = await now();
            return { ix: await job.createIx({ applyBy: t + 100n, deliverBy: t + 100n }), signers: job.createSigners };
          },
          "InvalidDeadline",
        ],
        [
          "from a client that was never activated",
          async () => {
            const poor = await fundedAgent(p, 500_000n);
            const job = newJob(p, poor, provider);
            return { ix: await job.createIx({ amount: 100_000n }), signers: job.createSigners };
          },
          "AgentNotActivated",
        ],
        [
          "while the platform is paused",
          async () => {
            await updateConfig(p, { paused: true });
            return direct();
          },
          "ProgramPaused",
        ],
        [
          "reusing an existing job's id",
          async () => {
            const job = await createdJob(p, client, provider);
            const again = newJob(p, client, provider, job.id);
            return { ix: await again.createIx(), signers: again.createSigners };
          },
          "AlreadyInitialized",
        ],
      ];
      for (const [name, build, error] of refusals) {
        it(`is refused ${name}`, async () => {
          const attempt = await build();
          await assertRefused(p, attempt, error, [...watched(attempt), client.ledger]);
        });
      }

      it("is refused at an address that is not the PDA of (client, id, bump)", async () => {
        const job = newJob(p, client, provider);
        const other = newJob(p, client, provider);
        for (const attempt of [
          substitute(
            { ix: await job.createIx(), signers: job.createSigners },
            at(p, "createJob", "job"),
            other.address,
          ),
          { ix: { ...(await job.createIx()) }, signers: job.createSigners },
        ]) {
          if (attempt.ix.keys[at(p, "createJob", "job")]!.pubkey.equals(job.address)) {
            // same address, wrong bump
            attempt.ix.data = Buffer.from(attempt.ix.data);
            attempt.ix.data[attempt.ix.data.length - 1] = (job.bump + 1) % 256;
          }
          const r = await p.send(attempt.ix, attempt.signers);
          // The system program refuses the signer seeds inside the runtime.
          assert.equal(r.ok, false);
          assert.equal(await p.chain.getAccount(other.address), null);
          assert.equal(await p.chain.getAccount(job.address), null);
        }
        assert.equal(await client.available(), 49_000_000n);
        await assertMoneyInvariants(p);
      });
    });

    describe("assign_provider", () => {
      let job: TestJob;
      beforeEach(async () => {
        job = await createdJob(p, client, null, { applyIn: 600n, deliverIn: 7_200n });
      });

      it("assigns the chosen applicant and moves the job to Accepted", async () => {
        const r = await job.assign(provider);
        const s = (await job.state())!;
        assert.equal(variant(s.status), "accepted");
        assert.ok(s.provider.equals(provider.key));
        assert.equal(r.events[0]?.name, "providerAssigned");
        assert.ok((r.events[0]!.data.provider as PublicKey).equals(provider.key));
        assert.ok((r.events[0]!.data.client as PublicKey).equals(client.key));
        // and the provider can now deliver
        await job.deliver();
        await assertMoneyInvariants(p);
      });

      it("is allowed up to the last second of apply_by and refused one second later", async () => {
        const applyBy = big((await job.state())!.applyBy);
        await p.chain.warpTo(applyBy - 1n);
        const other = await createdJob(p, client, null, { applyBy: applyBy, deliverBy: applyBy + 100n });
        await p.chain.warpTo(applyBy);
        await job.assign(provider);
        await p.chain.warpTo(applyBy + 1n);
        await assertRefused(p, { ix: await other.assignIx(provider.key), signers: [client.wallet] }, "DeadlinePassed", [
          other.address,
        ]);
      });

      const assign = async () => ({ ix: await job.assignIx(provider.key), signers: [client.wallet] });
      itChecksSignersAndWritability("assign_provider", platform, assign);

      const refusals: [string, () => Promise<{ ix: any; signers: Keypair[] }>, string][] = [
        [
          "by someone other than the client",
          async () => substitute(await assign(), at(p, "assignProvider", "client"), provider.wallet),
          "Unauthorized",
        ],
        [
          "to nobody",
          async () => ({ ix: await job.assignIx(PublicKey.default), signers: [client.wallet] }),
          "MissingProvider",
        ],
        [
          "to the client itself",
          async () => ({ ix: await job.assignIx(client.key), signers: [client.wallet] }),
          "SelfDealing",
        ],
        [
          "twice",
          async () => {
            await job.assign(provider);
            return { ix: await job.assignIx(client.key), signers: [client.wallet] };
          },
          "InvalidStatus",
        ],
        [
          "on a direct job",
          async () => {
            const d = await createdJob(p, client, provider, { requiresAcceptance: true });
            return { ix: await d.assignIx(provider.key), signers: [client.wallet] };
          },
          "InvalidStatus",
        ],
        [
          "on another client's job",
          async () => {
            const theirs = await createdJob(p, provider, null);
            return substitute(await assign(), at(p, "assignProvider", "job"), theirs.address);
          },
          "Unauthorized",
        ],
        [
          "on an account that is not a job",
          async () => substitute(await assign(), at(p, "assignProvider", "job"), client.ledger),
          "InvalidAccountData",
        ],
        [
          "on a job owned by another program",
          async () =>
            substitute(
              await assign(),
              at(p, "assignProvider", "job"),
              await copyOf(p, job.address, Keypair.generate().publicKey),
            ),
          "InvalidOwner",
        ],
      ];
      for (const [name, build, error] of refusals) {
        it(`is refused ${name}`, async () => {
          const attempt = await build();
          await assertRefused(p, attempt, error, watched(attempt));
        });
      }
    });

    describe("accept_job", () => {
      let job: TestJob;
      beforeEach(async () => {
        job = await createdJob(p, client, provider, { requiresAcceptance: true, deliverIn: 600n });
      });

      it("lets the provider take on a funded job", async () => {
        const r = await job.accept();
        assert.equal(await job.status(), "accepted");
        assert.equal(r.events[0]?.name, "jobAccepted");
        assert.ok((r.events[0]!.data.provider as PublicKey).equals(provider.key));
        assert.ok((r.events[0]!.data.job as PublicKey).equals(job.address));
        await assertMoneyInvariants(p);
      });

      it("is allowed until deliver_by and refused one second later", async () => {
        const deliverBy = big((await job.state())!.deliverBy);
        const late = await createdJob(p, client, provider, { requiresAcceptance: true, deliverBy });
        await p.chain.warpTo(deliverBy - 1n);
        await job.accept();
        await p.chain.warpTo(deliverBy);
        await late.accept();
        const last = await createdJob(p, client, provider, { requiresAcceptance: true, deliverBy: deliverBy + 1n });
        await p.chain.warpTo(deliverBy + 2n);
        await assertRefused(p, { ix: await last.acceptIx(), signers: [provider.wallet] }, "DeadlinePassed", [
          last.address,
        ]);
      });

      const accept = async () => ({ ix: await job.acceptIx(), signers: [provider.wallet] });
      itChecksSignersAndWritability("accept_job", platform, accept);

      const refusals: [string, () => Promise<{ ix: any; signers: Keypair[] }>, string][] = [
        [
          "by the client",
          async () => substitute(await accept(), at(p, "acceptJob", "provider"), client.wallet),
          "Unauthorized",
        ],
        [
          "by a stranger",
          async () => substitute(await accept(), at(p, "acceptJob", "provider"), Keypair.generate()),
          "Unauthorized",
        ],
        [
          "twice",
          async () => {
            await job.accept();
            return accept();
          },
          "InvalidStatus",
        ],
        [
          "on a job that never needed acceptance",
          async () => {
            const auto = await createdJob(p, client, provider);
            return { ix: await auto.acceptIx(), signers: [provider.wallet] };
          },
          "InvalidStatus",
        ],
        [
          "on an account that is not a job",
          async () => substitute(await accept(), at(p, "acceptJob", "job"), p.config),
          "InvalidAccountData",
        ],
      ];
      for (const [name, build, error] of refusals) {
        it(`is refused ${name}`, async () => {
          const attempt = await build();
          await assertRefused(p, attempt, error, watched(attempt));
        });
      }
    });

    describe("mark_delivered", () => {
      let job: TestJob;
      beforeEach(async () => {
        job = await createdJob(p, client, provider, { deliverIn: 600n });
      });

      it("records the output hash and opens the review window", async () => {
        const t = await now();
        const hash = hash32("the output");
        const r = await job.deliver(hash);
        const s = (await job.state())!;
        assert.equal(variant(s.status), "delivered");
        assert.deepEqual([...s.outputHash], hash);
        assert.equal(big(s.reviewBy), t + 300n);
        assert.equal(r.events[0]?.name, "jobDelivered");
        assert.deepEqual([...(r.events[0]!.data.outputHash as number[])], hash);
        assert.equal(big(r.events[0]!.data.reviewBy), t + 300n);
        await assertMoneyInvariants(p);
      });

      it("is allowed until deliver_by and refused one second later", async () => {
        const deliverBy = big((await job.state())!.deliverBy);
        const other = await createdJob(p, client, provider, { deliverBy });
        await p.chain.warpTo(deliverBy);
        await job.deliver();
        await p.chain.warpTo(deliverBy + 1n);
        await assertRefused(p, { ix: await other.deliverIx(), signers: [provider.wallet] }, "DeadlinePassed", [
          other.address,
        ]);
      });

      const deliver = async () => ({ ix: await job.deliverIx(), signers: [provider.wallet] });
      itChecksSignersAndWritability("mark_delivered", platform, deliver);

      const refusals: [string, () => Promise<{ ix: any; signers: Keypair[] }>, string][] = [
        [
          "by the client",
          async () => substitute(await deliver(), at(p, "markDelivered", "provider"), client.wallet),
          "Unauthorized",
        ],
        [
          "before the provider accepted",
          async () => {
            const funded = await createdJob(p, client, provider, { requiresAcceptance: true });
            return { ix: await funded.deliverIx(), signers: [provider.wallet] };
          },
          "InvalidStatus",
        ],
        [
          "on an open job nobody was assigned to",
          async () => {
            const open = await createdJob(p, client, null);
            return { ix: await open.deliverIx(undefined, { provider: provider.key }), signers: [provider.wallet] };
          },
          "Unauthorized",
        ],
        [
          "twice",
          async () => {
            await job.deliver();
            return deliver();
          },
          "InvalidStatus",
        ],
        [
          "with a config owned by another program",
          async () =>
            substitute(
              await deliver(),
              at(p, "markDelivered", "config"),
              await copyOf(p, p.config, Keypair.generate().publicKey),
            ),
          "InvalidOwner",
        ],
      ];
      for (const [name, build, error] of refusals) {
        it(`is refused ${name}`, async () => {
          const attempt = await build();
          await assertRefused(p, attempt, error, watched(attempt));
        });
      }
    });

    describe("release", () => {
      let job: TestJob;
      beforeEach(async () => {
        job = await withOwnRentPayer(newJob(p, client, provider));
        await job.create({ amount: 2_000_000n });
        await job.deliver();
      });

      it("pays the provider, keeps the fee, refunds the rent and closes the job when the client accepts", async () => {
        // Given a delivered 2 USDC job
        const providerBefore = await provider.available();
        const clientBefore = await client.available();
        const feesBefore = big((await p.account<any>("config", p.config))!.feesAccrued);
        const payerBefore = await lamports(job.rentPayer.publicKey);

        // When the client accepts the delivery
        const r = await job.release();

        // Then the provider earns the amount and the platform the 3% fee
        assert.equal(await provider.available(), providerBefore + 2_000_000n);
        assert.equal(await client.available(), clientBefore);
        assert.equal(big((await p.account<any>("config", p.config))!.feesAccrued), feesBefore + 60_000n);
        // and the job is gone, its rent back with whoever paid it
        assert.equal(await p.chain.getAccount(job.address), null);
        assert.equal(await lamports(job.rentPayer.publicKey), payerBefore + JOB_RENT);
        assert.deepEqual(
          r.events.map((e) => e.name),
          ["jobSettled"],
        );
        const e = r.events[0]!.data;
        assert.equal(variant(e.outcome), "released");
        assert.ok((e.job as PublicKey).equals(job.address));
        assert.ok((e.client as PublicKey).equals(client.key));
        assert.ok((e.provider as PublicKey).equals(provider.key));
        assert.equal(big(e.id), job.id);
        assert.equal(big(e.toProvider), 2_000_000n);
        assert.equal(big(e.toClient), 0n);
        assert.equal(big(e.toPlatform), 60_000n);
        await assertMoneyInvariants(p);
      });

      it("can be cranked by anyone once review_by has passed, and not a second earlier", async () => {
        const reviewBy = big((await job.state())!.reviewBy);
        const crank = Keypair.generate();
        const attempt = async () => ({ ix: await job.releaseIx(crank.publicKey), signers: [crank] });
        await p.chain.warpTo(reviewBy - 1n);
        await assertRefused(p, await attempt(), "DeadlineNotReached", [job.address]);
        await p.chain.warpTo(reviewBy);
        await assertRefused(p, await attempt(), "DeadlineNotReached", [job.address]);
        await p.chain.warpTo(reviewBy + 1n);
        const r = await assertAccepted(p, await attempt());
        assert.equal(variant(r.events[0]!.data.outcome), "autoReleased");
        assert.equal(await provider.available(), 49_000_000n + 2_000_000n);
        await assertMoneyInvariants(p);
      });

      it("lets the client accept long after review_by too", async () => {
        await p.chain.warpTo((await now()) + 10_000n);
        await job.release();
        assert.equal(await job.status(), "closed");
      });

      const release = async () => ({ ix: await job.releaseIx(), signers: [client.wallet] });
      itChecksSignersAndWritability("release", platform, release);

      const refusals: [string, () => Promise<{ ix: any; signers: Keypair[] }>, string][] = [
        [
          "twice",
          async () => {
            await job.release();
            return release();
          },
          "InvalidOwner",
        ],
        [
          "before delivery",
          async () => {
            const early = await createdJob(p, client, provider);
            return { ix: await early.releaseIx(), signers: [client.wallet] };
          },
          "InvalidStatus",
        ],
        [
          "by the provider before review_by",
          async () => substitute(await release(), at(p, "release", "authority"), provider.wallet),
          "DeadlineNotReached",
        ],
        [
          "to another agent's ledger",
          async () => {
            const thief = await fundedAgent(p, 0n);
            return substitute(await release(), at(p, "release", "providerAgent"), thief.ledger);
          },
          "PartyMismatch",
        ],
        [
          "to the client's ledger",
          async () => substitute(await release(), at(p, "release", "providerAgent"), client.ledger),
          "PartyMismatch",
        ],
        [
          "refunding the rent to someone else",
          async () => substitute(await release(), at(p, "release", "rentPayer"), Keypair.generate().publicKey),
          "RentPayerMismatch",
        ],
        [
          "with a config owned by another program",
          async () =>
            substitute(
              await release(),
              at(p, "release", "config"),
              await copyOf(p, p.config, Keypair.generate().publicKey),
            ),
          "InvalidOwner",
        ],
        [
          "on another client's job",
          async () => {
            const theirs = await deliveredJob(p, provider, client);
            return substitute(await release(), at(p, "release", "job"), theirs.address);
          },
          "PartyMismatch",
        ],
        [
          "on a ledger posing as a job",
          async () => substitute(await release(), at(p, "release", "job"), provider.ledger),
          "InvalidAccountData",
        ],
      ];
      for (const [name, build, error] of refusals) {
        it(`is refused ${name}`, async () => {
          const attempt = await build();
          await assertRefused(p, attempt, error, watched(attempt));
        });
      }
    });

    describe("refund", () => {
      it("returns amount and fee to the client when it cancels at any stage before delivery", async () => {
        for (const stage of ["open", "funded", "accepted"] as const) {
          const before = await client.available();
          const job = await withOwnRentPayer(newJob(p, client, stage === "open" ? null : provider));
          await job.create({ amount: 1_000_000n, requiresAcceptance: stage === "funded" });
          const payerBefore = await lamports(job.rentPayer.publicKey);
          assert.equal(await job.status(), stage);
          const r = await job.refund();
          assert.equal(await client.available(), before, stage);
          assert.equal(await job.status(), "closed");
          assert.equal(await lamports(job.rentPayer.publicKey), payerBefore + JOB_RENT);
          const e = r.events[0]!.data;
          assert.equal(variant(e.outcome), "cancelled");
          assert.equal(big(e.toClient), 1_030_000n);
          assert.equal(big(e.toProvider), 0n);
          assert.equal(big(e.toPlatform), 0n);
          await assertMoneyInvariants(p);
        }
      });

      it("can be cranked by anyone once deliver_by has passed, and not a second earlier", async () => {
        const job = await createdJob(p, client, provider, { requiresAcceptance: true, deliverIn: 600n });
        const deliverBy = big((await job.state())!.deliverBy);
        const crank = Keypair.generate();
        const attempt = async () => ({ ix: await job.refundIx(crank.publicKey), signers: [crank] });
        await p.chain.warpTo(deliverBy);
        await assertRefused(p, await attempt(), "DeadlineNotReached", [job.address]);
        await p.chain.warpTo(deliverBy + 1n);
        const r = await assertAccepted(p, await attempt());
        assert.equal(variant(r.events[0]!.data.outcome), "expired");
        assert.equal(await client.available(), 49_000_000n);
        await assertMoneyInvariants(p);
      });

      it("can be cranked by anyone on an open job nobody was assigned to by apply_by", async () => {
        const job = await createdJob(p, client, null, { applyIn: 600n, deliverIn: 7_200n });
        const applyBy = big((await job.state())!.applyBy);
        const attempt = async () => ({ ix: await job.refundIx(provider.key), signers: [provider.wallet] });
        await p.chain.warpTo(applyBy);
        await assertRefused(p, await attempt(), "DeadlineNotReached", [job.address]);
        await p.chain.warpTo(applyBy + 1n);
        await assertAccepted(p, await attempt());
        assert.equal(await client.available(), 49_000_000n);
      });

      it("waits for deliver_by, not apply_by, once an open job has its provider", async () => {
        const job = await createdJob(p, client, null, { applyIn: 600n, deliverIn: 7_200n });
        await job.assign(provider);
        const s = (await job.state())!;
        await p.chain.warpTo(big(s.applyBy) + 1n);
        await assertRefused(
          p,
          { ix: await job.refundIx(provider.key), signers: [provider.wallet] },
          "DeadlineNotReached",
          [job.address],
        );
        await p.chain.warpTo(big(s.deliverBy) + 1n);
        await assertAccepted(p, { ix: await job.refundIx(provider.key), signers: [provider.wallet] });
      });

      const refundOf = async (job: TestJob) => ({ ix: await job.refundIx(), signers: [client.wallet] });
      let job: TestJob;
      const refund = async () => {
        job ??= await withOwnRentPayer(newJob(p, client, provider));
        if ((await job.status()) === "closed" && !(await p.chain.getAccount(job.address))) await job.create();
        return refundOf(job);
      };
      beforeEach(() => {
        job = undefined as unknown as TestJob;
      });
      itChecksSignersAndWritability("refund", platform, refund);

      const refusals: [string, () => Promise<{ ix: any; signers: Keypair[] }>, string][] = [
        [
          "twice",
          async () => {
            const a = await refund();
            await assertAccepted(p, a);
            return refundOf(job);
          },
          "InvalidOwner",
        ],
        [
          "after delivery",
          async () => {
            const d = await deliveredJob(p, client, provider);
            return refundOf(d);
          },
          "InvalidStatus",
        ],
        [
          "after delivery even once deliver_by has passed",
          async () => {
            const d = await deliveredJob(p, client, provider, { deliverIn: 10n });
            await p.chain.warpTo((await now()) + 100n);
            return { ix: await d.refundIx(provider.key), signers: [provider.wallet] };
          },
          "InvalidStatus",
        ],
        [
          "by the provider before deliver_by",
          async () => substitute(await refund(), at(p, "refund", "authority"), provider.wallet),
          "DeadlineNotReached",
        ],
        [
          "into another agent's ledger",
          async () => substitute(await refund(), at(p, "refund", "clientAgent"), provider.ledger),
          "PartyMismatch",
        ],
        [
          "refunding the rent to someone else",
          async () => substitute(await refund(), at(p, "refund", "rentPayer"), Keypair.generate().publicKey),
          "RentPayerMismatch",
        ],
        [
          "by another client on a job that is not its own",
          async () => {
            const theirs = await createdJob(p, provider, client);
            return {
              ix: await theirs.refundIx(client.key, { clientAgent: provider.ledger }),
              signers: [client.wallet],
            };
          },
          "DeadlineNotReached",
        ],
        [
          "on a config posing as a job",
          async () => substitute(await refund(), at(p, "refund", "job"), p.config),
          "InvalidAccountData",
        ],
      ];
      for (const [name, build, error] of refusals) {
        it(`is refused ${name}`, async () => {
          const attempt = await build();
          await assertRefused(p, attempt, error, watched(attempt));
        });
      }
    });

    it("runs a whole open job: post, assign, deliver, accept", async () => {
      const t = await now();
      const job = await createdJob(p, client, null, {
        amount: 5_000_000n,
        applyBy: t + 86_400n,
        deliverBy: t + 172_800n,
      });
      await assertMoneyInvariants(p);
      await p.chain.warpTo(t + 3_600n);
      await job.assign(provider);
      await assertMoneyInvariants(p);
      await job.deliver();
      await assertMoneyInvariants(p);
      await job.release();
      const snapshot = await assertMoneyInvariants(p);
      assert.equal(await client.available(), 49_000_000n - 5_150_000n);
      assert.equal(await provider.available(), 49_000_000n + 5_000_000n);
      // 2 activation fees + the job fee
      assert.equal(snapshot.feesAccrued, 2_000_000n + 150_000n);
    });
  });
}
