/** Disputes: open_dispute (either party, operator co-signed, fee paid) and resolve_dispute. */
import assert from "node:assert/strict";
import { Keypair, type PublicKey } from "@solana/web3.js";
import { feesAccrued } from "../support/admin.js";
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
import {
  createdJob,
  type DisputeRuling,
  deliveredJob,
  disputedJob,
  disputeFeeOf,
  newJob,
  type TestJob,
  variant,
} from "../support/jobs.js";
import { Platform, RUNTIMES } from "../support/platform.js";

const big = (v: unknown) => BigInt((v as { toString(): string }).toString());

for (const runtime of RUNTIMES) {
  describe(`disputes [${runtime.name}]`, () => {
    let p: Platform;
    let client: TestAgent;
    let provider: TestAgent;
    const platform = () => p;

    beforeEach(async () => {
      p = await Platform.start(runtime.start);
      await p.initializeConfig();
      client = await fundedAgent(p, 250_000_000n);
      provider = await fundedAgent(p);
    });

    describe("open_dispute", () => {
      for (const side of ["client", "provider"] as const) {
        it(`lets the ${side} dispute a delivery, charging it the non-refundable fee and freezing the job`, async () => {
          // Given a delivered 2 USDC job
          const job = await deliveredJob(p, client, provider, { amount: 2_000_000n });
          const claimant = side === "client" ? client : provider;
          const before = await claimant.available();
          const feesBefore = await feesAccrued(p);

          // When the claimant disputes it
          const r = await job.dispute(claimant, "quality");

          // Then it pays 5% of the amount, clamped to 0.10 USDC
          assert.equal(await claimant.available(), before - 100_000n);
          assert.equal(await feesAccrued(p), feesBefore + 100_000n);
          const s = (await job.state())!;
          assert.equal(variant(s.status), "disputed");
          assert.equal(variant(s.claimant), side);
          assert.equal(r.events[0]?.name, "disputeOpened");
          const e = r.events[0]!.data;
          assert.ok((e.claimant as PublicKey).equals(claimant.key));
          assert.equal(variant(e.party), side);
          assert.equal(big(e.fee), 100_000n);
          await assertMoneyInvariants(p);
        });
      }

      const fees: [bigint, bigint][] = [
        [500_000n, 100_000n], // 5% = 0.025, clamped up to the 0.10 minimum
        [10_000_000n, 500_000n], // 5%
        [200_000_000n, 5_000_000n], // 5% = 10, clamped down to the 5 USDC maximum
      ];
      for (const [amount, fee] of fees) {
        it(`charges ${fee} for a dispute over ${amount}`, async () => {
          assert.equal(disputeFeeOf(amount), fee);
          const job = await deliveredJob(p, client, provider, { amount });
          const before = await client.available();
          await job.dispute(client);
          assert.equal(await client.available(), before - fee);
          await assertMoneyInvariants(p);
        });
      }

      it("is allowed until review_by and refused one second later", async () => {
        const job = await deliveredJob(p, client, provider);
        const other = await deliveredJob(p, client, provider);
        const reviewBy = big((await job.state())!.reviewBy);
        await p.chain.warpTo(reviewBy);
        await job.dispute(client);
        await p.chain.warpTo(reviewBy + 1n);
        await assertRefused(
          p,
          { ix: await other.openDisputeIx(client), signers: [client.wallet, p.operator] },
          "DeadlinePassed",
          [other.address, client.ledger],
        );
      });

      it("freezes the job: no release by the client, no crank release, no refund", async () => {
        const job = await disputedJob(p, client, provider, provider);
        await assertRefused(p, { ix: await job.releaseIx(), signers: [client.wallet] }, "InvalidStatus", [job.address]);
        await assertRefused(p, { ix: await job.refundIx(), signers: [client.wallet] }, "InvalidStatus", [job.address]);
        await p.chain.warpTo((await p.chain.now()) + 1_000_000n);
        const crank = Keypair.generate();
        await assertRefused(p, { ix: await job.releaseIx(crank.publicKey), signers: [crank] }, "InvalidStatus", [
          job.address,
        ]);
        await assertRefused(p, { ix: await job.refundIx(crank.publicKey), signers: [crank] }, "InvalidStatus", [
          job.address,
        ]);
      });

      let job: TestJob;
      const open = async () => {
        job = await deliveredJob(p, client, provider);
        return { ix: await job.openDisputeIx(client), signers: [client.wallet, p.operator] };
      };
      itChecksSignersAndWritability("open_dispute", platform, open);

      const refusals: [string, () => Promise<{ ix: any; signers: Keypair[] }>, string][] = [
        [
          "co-signed by a stranger instead of the operator",
          async () => substitute(await open(), at(p, "openDispute", "operator"), Keypair.generate()),
          "Unauthorized",
        ],
        [
          "by someone who is not a party to the job",
          async () => {
            const stranger = await fundedAgent(p);
            await open();
            return { ix: await job.openDisputeIx(stranger), signers: [stranger.wallet, p.operator] };
          },
          "Unauthorized",
        ],
        [
          "paid from another agent's ledger",
          async () => substitute(await open(), at(p, "openDispute", "claimantAgent"), provider.ledger),
          "PartyMismatch",
        ],
        [
          "by a claimant who cannot pay the fee",
          async () => {
            const broke = await fundedAgent(p, 2_000_000n);
            const j = await deliveredJob(p, broke, provider, { amount: 900_000n });
            return { ix: await j.openDisputeIx(broke), signers: [broke.wallet, p.operator] };
          },
          "InsufficientFunds",
        ],
        [
          "before delivery",
          async () => {
            const j = await createdJob(p, client, provider);
            return { ix: await j.openDisputeIx(client), signers: [client.wallet, p.operator] };
          },
          "InvalidStatus",
        ],
        [
          "twice",
          async () => {
            const a = await open();
            await assertAccepted(p, a);
            return { ix: await job.openDisputeIx(provider), signers: [provider.wallet, p.operator] };
          },
          "InvalidStatus",
        ],
        [
          "after the job was released",
          async () => {
            const a = await open();
            await job.release();
            return a;
          },
          "InvalidOwner",
        ],
        [
          "with a config owned by another program",
          async () =>
            substitute(
              await open(),
              at(p, "openDispute", "config"),
              await copyOf(p, p.config, Keypair.generate().publicKey),
            ),
          "InvalidOwner",
        ],
      ];
      for (const [name, build, error] of refusals) {
        it(`is refused ${name}`, async () => {
          const a = await build();
          await assertRefused(p, a, error, watched(a));
        });
      }
    });

    describe("resolve_dispute", () => {
      // amount 1 000 001, fee 30 000: odd, so the split's rounding shows.
      const AMOUNT = 1_000_001n;
      const FEE = 30_000n;
      const cases: [string, "client" | "provider", DisputeRuling, string, [bigint, bigint, bigint]][] = [
        ["the client wins its own dispute", "client", "claimantWins", "disputeClientWon", [0n, AMOUNT + FEE, 0n]],
        ["the provider wins against the client", "client", "respondentWins", "disputeProviderWon", [AMOUNT, 0n, FEE]],
        ["the provider wins its own dispute", "provider", "claimantWins", "disputeProviderWon", [AMOUNT, 0n, FEE]],
        [
          "the client wins against the provider",
          "provider",
          "respondentWins",
          "disputeClientWon",
          [0n, AMOUNT + FEE, 0n],
        ],
        [
          "a split of a client's dispute",
          "client",
          "split",
          "disputeSplit",
          [500_000n, AMOUNT - 500_000n + FEE - 15_000n, 15_000n],
        ],
        [
          "a split of a provider's dispute",
          "provider",
          "split",
          "disputeSplit",
          [500_000n, AMOUNT - 500_000n + FEE - 15_000n, 15_000n],
        ],
      ];
      for (const [name, side, ruling, outcome, [toProvider, toClient, toPlatform]] of cases) {
        it(`settles ${name}`, async () => {
          // Given a disputed job
          const job = newJob(p, client, provider);
          job.rentPayer = Keypair.generate();
          await p.chain.airdrop(job.rentPayer.publicKey, 1_000_000_000n);
          await job.create({ amount: AMOUNT });
          await job.deliver();
          await job.dispute(side === "client" ? client : provider);
          const before = {
            client: await client.available(),
            provider: await provider.available(),
            fees: await feesAccrued(p),
          };
          const rent = (await p.chain.getAccount(job.address))!.lamports;
          const payerBefore = (await p.chain.getAccount(job.rentPayer.publicKey))!.lamports;

          // When the arbiter rules
          const r = await job.resolve(ruling);

          // Then the money goes where the ruling says, to the micro-unit
          assert.equal(toProvider + toClient + toPlatform, AMOUNT + FEE);
          assert.equal(await provider.available(), before.provider + toProvider);
          assert.equal(await client.available(), before.client + toClient);
          assert.equal(await feesAccrued(p), before.fees + toPlatform);
          assert.equal(await job.status(), "closed");
          assert.equal((await p.chain.getAccount(job.rentPayer.publicKey))!.lamports, payerBefore + rent);
          const e = r.events[0]!.data;
          assert.equal(r.events[0]!.name, "jobSettled");
          assert.equal(variant(e.outcome), outcome);
          assert.equal(big(e.toProvider), toProvider);
          assert.equal(big(e.toClient), toClient);
          assert.equal(big(e.toPlatform), toPlatform);
          await assertMoneyInvariants(p);
        });
      }

      let job: TestJob;
      const resolve = async (ruling: DisputeRuling = "split") => {
        job = await disputedJob(p, client, provider, client);
        return { ix: await job.resolveIx(ruling), signers: [p.arbiter] };
      };
      itChecksSignersAndWritability("resolve_dispute", platform, () => resolve(), ["rentPayer"]);

      const refusals: [string, () => Promise<{ ix: any; signers: Keypair[] }>, string][] = [
        [
          "by the operator",
          async () => substitute(await resolve(), at(p, "resolveDispute", "arbiter"), p.operator),
          "Unauthorized",
        ],
        [
          "by the admin",
          async () => substitute(await resolve(), at(p, "resolveDispute", "arbiter"), p.admin),
          "Unauthorized",
        ],
        [
          "by the client",
          async () => substitute(await resolve(), at(p, "resolveDispute", "arbiter"), client.wallet),
          "Unauthorized",
        ],
        [
          "on a job that is not disputed",
          async () => {
            const j = await deliveredJob(p, client, provider);
            return { ix: await j.resolveIx("claimantWins"), signers: [p.arbiter] };
          },
          "InvalidStatus",
        ],
        [
          "twice",
          async () => {
            const a = await resolve();
            await assertAccepted(p, a);
            return a;
          },
          "InvalidOwner",
        ],
        [
          "with an unknown outcome",
          async () => {
            const a = await resolve();
            a.ix.data = Buffer.from(a.ix.data);
            a.ix.data[a.ix.data.length - 1] = 3;
            return a;
          },
          "InvalidInstruction",
        ],
        [
          "paying a stranger as the client",
          async () => {
            const stranger = await fundedAgent(p, 0n);
            return substitute(await resolve(), at(p, "resolveDispute", "clientAgent"), stranger.ledger);
          },
          "PartyMismatch",
        ],
        [
          "paying a stranger as the provider",
          async () => {
            const stranger = await fundedAgent(p, 0n);
            return substitute(await resolve(), at(p, "resolveDispute", "providerAgent"), stranger.ledger);
          },
          "PartyMismatch",
        ],
        [
          "with the parties swapped",
          async () => {
            const a = await resolve();
            return substitute(
              substitute(a, at(p, "resolveDispute", "clientAgent"), provider.ledger),
              at(p, "resolveDispute", "providerAgent"),
              client.ledger,
            );
          },
          "PartyMismatch",
        ],
        [
          "refunding the rent to someone else",
          async () => substitute(await resolve(), at(p, "resolveDispute", "rentPayer"), Keypair.generate().publicKey),
          "RentPayerMismatch",
        ],
        [
          "with a config owned by another program",
          async () =>
            substitute(
              await resolve(),
              at(p, "resolveDispute", "config"),
              await copyOf(p, p.config, Keypair.generate().publicKey),
            ),
          "InvalidOwner",
        ],
      ];
      for (const [name, build, error] of refusals) {
        it(`is refused ${name}`, async () => {
          const a = await build();
          await assertRefused(p, a, error, watched(a));
        });
      }
    });
  });
}
