/** Platform upkeep: update_config and collect_fees, and the single-config guarantee. */
import assert from "node:assert/strict";
import { errorCode } from "@justpay/sdk";
import { Keypair, PublicKey } from "@solana/web3.js";
import BN from "bn.js";
import {
  acceptAdminIx,
  collectFeesIx,
  feesAccrued,
  proposeAdminIx,
  updateConfig,
  updateConfigIx,
} from "../support/admin.js";
import { fundedAgent } from "../support/agents.js";
import {
  assertRefused,
  at,
  copyOf,
  itChecksSignersAndWritability,
  substitute,
  tokenAccount,
  watched,
} from "../support/attempts.js";
import { assertMoneyInvariants, vaultSnapshot } from "../support/invariant.js";
import { createdJob } from "../support/jobs.js";
import { type DEFAULT_PARAMS, Platform, RUNTIMES } from "../support/platform.js";
import { setTokenAccount, tokenBalance } from "../support/tokens.js";

const big = (v: unknown) => BigInt((v as { toString(): string }).toString());

for (const runtime of RUNTIMES) {
  describe(`platform config [${runtime.name}]`, () => {
    let p: Platform;
    const platform = () => p;
    beforeEach(async () => {
      p = await Platform.start(runtime.start);
      await p.initializeConfig();
    });

    describe("initialize_config", () => {
      it("accepts only the canonical bump, so a second config can never exist", async () => {
        const fresh = await Platform.start(runtime.start);
        // Find a non-canonical bump of ["config"] and try to create a config there.
        let bump = fresh.configBump - 1;
        let address: PublicKey | undefined;
        for (; bump >= 0 && !address; bump--) {
          try {
            address = PublicKey.createProgramAddressSync(
              [Buffer.from("config"), Buffer.from([bump])],
              fresh.program.programId,
            );
          } catch {}
        }
        assert.ok(address);
        // with a clean vault of its own, so that only the bump is wrong
        const vault = Keypair.generate().publicKey;
        await setTokenAccount(fresh.chain, vault, { mint: fresh.usdcMint, owner: address });
        const ix = await fresh.initializeConfigIx({ accounts: { config: address, vault } });
        ix.data = Buffer.from(ix.data);
        ix.data[ix.data.length - 1] = bump + 1;
        const r = await fresh.send(ix, fresh.initSigners);
        assert.equal(r.errorCode, errorCode("InvalidAddress" as any));
        assert.equal(await fresh.chain.getAccount(address), null);
      });

      it("refuses the vault as its own treasury, as update_config does", async () => {
        // Given a fresh platform whose deployer names the vault as the treasury
        const fresh = await Platform.start(runtime.start);
        const ix = await fresh.initializeConfigIx({ accounts: { treasury: fresh.vault } });
        // When it initializes, then it is refused and no config exists
        const r = await fresh.send(ix, fresh.initSigners);
        assert.equal(r.errorCode, errorCode("InvalidTokenAccount"), r.logs.join("\n"));
        assert.equal(await fresh.chain.getAccount(fresh.config), null);
      });

      it("refuses a cooldown under 24 h from the start", async () => {
        const fresh = await Platform.start(runtime.start);
        const ix = await fresh.initializeConfigIx({ params: { cooldownSeconds: new BN(0) } });
        const r = await fresh.send(ix, fresh.initSigners);
        assert.equal(r.errorCode, errorCode("InvalidConfigValue"));
        assert.equal(await fresh.chain.getAccount(fresh.config), null);
      });
    });

    describe("admin handover (propose_admin, accept_admin)", () => {
      const config = async () => (await p.account<any>("config", p.config))!;

      it("changes the admin only when the proposed key accepts", async () => {
        // Given the admin proposes a successor
        const next = Keypair.generate();
        let r = await p.send(await proposeAdminIx(p, next.publicKey), [p.admin]);
        assert.ok(r.ok, r.logs.join("\n"));
        assert.deepEqual(
          r.events.map((e) => e.name),
          ["adminProposed"],
        );
        assert.ok((r.events[0]!.data.pendingAdmin as PublicKey).equals(next.publicKey));
        let c = await config();
        assert.ok(c.pendingAdmin.equals(next.publicKey));
        // Then until it accepts, the old admin is still the admin
        assert.ok(c.admin.equals(p.admin.publicKey));
        await updateConfig(p, { paused: true });

        // When the proposed key accepts
        r = await p.send(await acceptAdminIx(p, next.publicKey), [next]);
        assert.ok(r.ok, r.logs.join("\n"));
        assert.deepEqual(
          r.events.map((e) => e.name),
          ["adminChanged"],
        );
        assert.ok((r.events[0]!.data.previous as PublicKey).equals(p.admin.publicKey));
        assert.ok((r.events[0]!.data.admin as PublicKey).equals(next.publicKey));
        c = await config();
        assert.ok(c.admin.equals(next.publicKey));
        assert.ok(c.pendingAdmin.equals(PublicKey.default), "the proposal is consumed");

        // Then only the new admin may change the config
        await assertRefused(
          p,
          { ix: await updateConfigIx(p, {}, { admin: p.admin.publicKey }), signers: [p.admin] },
          "Unauthorized",
          [p.config],
        );
        await updateConfig(p, { paused: false }, next);
        assert.equal((await config()).paused, 0);
        // and the consumed proposal cannot be accepted again
        await assertRefused(p, { ix: await acceptAdminIx(p, next.publicKey), signers: [next] }, "Unauthorized", [
          p.config,
        ]);
      });

      it("refuses a stranger who tries to accept a pending proposal", async () => {
        const next = Keypair.generate();
        await p.send(await proposeAdminIx(p, next.publicKey), [p.admin]);
        const stranger = Keypair.generate();
        await assertRefused(
          p,
          { ix: await acceptAdminIx(p, stranger.publicKey), signers: [stranger] },
          "Unauthorized",
          [p.config],
        );
        // nor may the current admin accept on the successor's behalf
        await assertRefused(p, { ix: await acceptAdminIx(p, p.admin.publicKey), signers: [p.admin] }, "Unauthorized", [
          p.config,
        ]);
        assert.ok((await config()).admin.equals(p.admin.publicKey));
      });

      it("refuses an acceptance when nothing is proposed", async () => {
        const stranger = Keypair.generate();
        await assertRefused(
          p,
          { ix: await acceptAdminIx(p, stranger.publicKey), signers: [stranger] },
          "Unauthorized",
          [p.config],
        );
      });

      it("lets the admin withdraw a proposal by proposing the zero key", async () => {
        const next = Keypair.generate();
        await p.send(await proposeAdminIx(p, next.publicKey), [p.admin]);
        const r = await p.send(await proposeAdminIx(p, PublicKey.default), [p.admin]);
        assert.ok(r.ok, r.logs.join("\n"));
        assert.ok((await config()).pendingAdmin.equals(PublicKey.default));
        await assertRefused(p, { ix: await acceptAdminIx(p, next.publicKey), signers: [next] }, "Unauthorized", [
          p.config,
        ]);
      });

      for (const [name, signer] of [
        ["a stranger", () => Keypair.generate()],
        ["the operator", () => p.operator],
      ] as const) {
        it(`refuses a proposal from ${name}`, async () => {
          const who = signer();
          await assertRefused(
            p,
            { ix: await proposeAdminIx(p, who.publicKey, who.publicKey), signers: [who] },
            "Unauthorized",
            [p.config],
          );
        });
      }

      itChecksSignersAndWritability("propose_admin", platform, async () => ({
        ix: await proposeAdminIx(p, Keypair.generate().publicKey),
        signers: [p.admin],
      }));
      const next = Keypair.generate();
      itChecksSignersAndWritability("accept_admin", platform, async () => {
        await p.send(await proposeAdminIx(p, next.publicKey), [p.admin]);
        return { ix: await acceptAdminIx(p, next.publicKey), signers: [next] };
      });
    });

    describe("update_config", () => {
      it("rotates the operator, arbiter and treasury, changes limits, and emits the full new config", async () => {
        const operator = Keypair.generate().publicKey;
        const arbiter = Keypair.generate().publicKey;
        const treasuryOwner = Keypair.generate().publicKey;
        const treasury = await tokenAccount(p, treasuryOwner);
        p.trackToken(treasury);
        const ix = await updateConfigIx(
          p,
          {
            operator,
            arbiter,
            params: { feeBps: 250, withdrawFee: new BN(50_000), minJobAmount: new BN(2_000) },
            paused: true,
          },
          { treasury },
        );
        const r = await p.send(ix, [p.admin]);
        assert.ok(r.ok, r.logs.join("\n"));

        const c = (await p.account<any>("config", p.config))!;
        assert.ok(c.admin.equals(p.admin.publicKey), "update_config never changes the admin");
        assert.ok(c.operator.equals(operator));
        assert.ok(c.arbiter.equals(arbiter));
        assert.ok(c.treasury.equals(treasury));
        assert.equal(c.feeBps, 250);
        assert.equal(big(c.withdrawFee), 50_000n);
        assert.equal(big(c.withdrawMinimum), 5_000_000n);
        assert.equal(big(c.minJobAmount), 2_000n);
        assert.equal(c.paused, 1);
        // the mint and vault never change
        assert.ok(c.usdcMint.equals(p.usdcMint));
        assert.ok(c.vault.equals(p.vault));

        assert.equal(r.events[0]?.name, "configUpdated");
        const e = r.events[0]!.data as any;
        assert.ok(e.admin.equals(p.admin.publicKey));
        assert.ok(e.treasury.equals(treasury));
        assert.equal(e.params.feeBps, 250);
        assert.equal(big(e.params.minJobAmount), 2_000n);
        assert.equal(e.paused, true);
      });

      it("applies a new fee rate to jobs created afterwards", async () => {
        await updateConfig(p, { params: { feeBps: 100 } });
        const client = await fundedAgent(p);
        const provider = await fundedAgent(p);
        const job = await createdJob(p, client, provider, { amount: 1_000_000n });
        assert.equal(big((await job.state())!.fee), 10_000n);
        await assertMoneyInvariants(p);
      });

      const update = async () => ({ ix: await updateConfigIx(p, { paused: true }), signers: [p.admin] });
      itChecksSignersAndWritability("update_config", platform, update);

      const outOfBounds: [string, Partial<typeof DEFAULT_PARAMS>][] = [
        ["a fee above 10%", { feeBps: 1_001 }],
        ["an activation fee above 10 USDC", { activationFee: new BN(10_000_001) }],
        ["a withdrawal fee above 1 USDC", { withdrawFee: new BN(1_000_001), withdrawMinimum: new BN(5_000_000) }],
        ["a withdrawal minimum not above the withdrawal fee", { withdrawMinimum: new BN(100_000) }],
        ["a withdrawal minimum above 1000 USDC", { withdrawMinimum: new BN(1_000_000_001) }],
        ["a dispute fee above 20%", { disputeFeeBps: 2_001 }],
        ["a dispute minimum above its maximum", { disputeFeeMin: new BN(6_000_000) }],
        ["a dispute maximum above 100 USDC", { disputeFeeMax: new BN(100_000_001) }],
        ["a cooldown above 7 days", { cooldownSeconds: new BN(7 * 86_400 + 1) }],
        ["a cooldown under the 24 h the seed promises", { cooldownSeconds: new BN(86_399) }],
        ["no cooldown at all", { cooldownSeconds: new BN(0) }],
        ["a negative cooldown", { cooldownSeconds: new BN(-1) }],
        ["a zero minimum job amount", { minJobAmount: new BN(0) }],
        ["a minimum job amount above 1 USDC", { minJobAmount: new BN(1_000_001) }],
        // 33 × 3 % rounds down to a fee of 0: the smallest job would pay nothing.
        ["a minimum job amount whose fee rounds to zero", { minJobAmount: new BN(33) }],
        ["a fee rate that makes the minimum job free", { feeBps: 5, minJobAmount: new BN(1_000) }],
        ["a review window under a minute", { reviewWindowSeconds: new BN(59) }],
        ["a review window above 7 days", { reviewWindowSeconds: new BN(7 * 86_400 + 1) }],
      ];
      const atBounds: [string, Partial<typeof DEFAULT_PARAMS>][] = [
        ["a cooldown of exactly 24 h", { cooldownSeconds: new BN(86_400) }],
        ["a minimum job amount whose fee is one micro-USDC", { minJobAmount: new BN(34) }],
        ["a minimum job amount of 1 USDC", { minJobAmount: new BN(1_000_000) }],
        ["any minimum job amount when there is no fee", { feeBps: 0, minJobAmount: new BN(1) }],
      ];
      for (const [name, params] of atBounds) {
        it(`accepts ${name}`, async () => {
          await updateConfig(p, { params });
          const c = (await p.account<any>("config", p.config))!;
          for (const [field, value] of Object.entries(params)) assert.equal(c[field].toString(), value.toString());
        });
      }

      for (const [name, params] of outOfBounds) {
        it(`refuses ${name}`, async () => {
          await assertRefused(
            p,
            { ix: await updateConfigIx(p, { params }), signers: [p.admin] },
            "InvalidConfigValue",
            [p.config],
          );
        });
      }

      const refusals: [string, () => Promise<{ ix: any; signers: Keypair[] }>, string][] = [
        [
          "from a stranger",
          async () => substitute(await update(), at(p, "updateConfig", "admin"), Keypair.generate()),
          "Unauthorized",
        ],
        [
          "from the operator",
          async () => substitute(await update(), at(p, "updateConfig", "admin"), p.operator),
          "Unauthorized",
        ],
        [
          "removing the arbiter",
          async () => ({
            ix: await updateConfigIx(p, { arbiter: PublicKey.default }),
            signers: [p.admin],
          }),
          "InvalidConfigValue",
        ],
        [
          "with a treasury of another mint",
          async () =>
            substitute(
              await update(),
              at(p, "updateConfig", "treasury"),
              await tokenAccount(p, Keypair.generate().publicKey, { mint: Keypair.generate().publicKey }),
            ),
          "InvalidMint",
        ],
        [
          "making the vault its own treasury",
          async () => substitute(await update(), at(p, "updateConfig", "treasury"), p.vault),
          "InvalidTokenAccount",
        ],
        [
          "with a treasury that is not a token account",
          async () => substitute(await update(), at(p, "updateConfig", "treasury"), Keypair.generate().publicKey),
          "InvalidOwner",
        ],
        [
          "on a config owned by another program",
          async () =>
            substitute(
              await update(),
              at(p, "updateConfig", "config"),
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

    describe("collect_fees", () => {
      beforeEach(async () => {
        // Two activations: 2 USDC of fees
        await fundedAgent(p);
        await fundedAgent(p);
      });

      it("moves every accrued fee to the treasury", async () => {
        const r = await p.send(await collectFeesIx(p), [p.admin]);
        assert.ok(r.ok, r.logs.join("\n"));
        assert.equal(await tokenBalance(p.chain, p.treasury), 2_000_000n);
        assert.equal(await feesAccrued(p), 0n);
        assert.equal(r.events[0]?.name, "feesCollected");
        assert.equal(big(r.events[0]!.data.amount), 2_000_000n);
        assert.ok((r.events[0]!.data.treasury as PublicKey).equals(p.treasury));
        await assertMoneyInvariants(p);
      });

      it("never touches tokens donated to the vault beyond the ledgers", async () => {
        // Given someone sent 7 USDC straight to the vault
        const vault = await tokenBalance(p.chain, p.vault);
        await setTokenAccount(p.chain, p.vault, { mint: p.usdcMint, owner: p.config, amount: vault + 7_000_000n });
        p.externalSupply += 7_000_000n;
        // When fees are collected
        const r = await p.send(await collectFeesIx(p), [p.admin]);
        assert.ok(r.ok);
        // Then only the 2 USDC of fees left, and the surplus is still there, unallocated
        const s = await vaultSnapshot(p);
        assert.equal(s.vault - s.allocated, 7_000_000n);
        assert.equal(await tokenBalance(p.chain, p.treasury), 2_000_000n);
      });

      const collect = async () => ({ ix: await collectFeesIx(p), signers: [p.admin] });
      itChecksSignersAndWritability("collect_fees", platform, collect);

      const refusals: [string, () => Promise<{ ix: any; signers: Keypair[] }>, string][] = [
        [
          "when there is nothing to collect",
          async () => {
            await p.send(await collectFeesIx(p), [p.admin]);
            return collect();
          },
          "InvalidAmount",
        ],
        [
          "from a stranger",
          async () => substitute(await collect(), at(p, "collectFees", "admin"), Keypair.generate()),
          "Unauthorized",
        ],
        [
          "to a token account other than the treasury",
          async () =>
            substitute(await collect(), at(p, "collectFees", "treasury"), await tokenAccount(p, p.admin.publicKey)),
          "InvalidTokenAccount",
        ],
        [
          "from a fake vault",
          async () =>
            substitute(
              await collect(),
              at(p, "collectFees", "vault"),
              await tokenAccount(p, p.config, { amount: 5_000_000n }),
            ),
          "InvalidVault",
        ],
        [
          "with a wrong token program",
          async () => substitute(await collect(), at(p, "collectFees", "tokenProgram"), Keypair.generate().publicKey),
          "InvalidProgramId",
        ],
        [
          "with a config owned by another program",
          async () =>
            substitute(
              await collect(),
              at(p, "collectFees", "config"),
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
