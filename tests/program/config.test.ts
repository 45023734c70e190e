/** Platform upkeep: update_config and collect_fees, and the single-config guarantee. */
import assert from "node:assert/strict";
import { Keypair, PublicKey } from "@solana/web3.js";
import BN from "bn.js";
import { errorCode } from "../../sdk/src/program/index.js";
import { collectFeesIx, feesAccrued, updateConfig, updateConfigIx } from "../support/admin.js";
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
    });

    describe("update_config", () => {
      it("rotates the authorities and treasury, changes limits, and emits the full new config", async () => {
        const admin = Keypair.generate();
        const operator = Keypair.generate().publicKey;
        const arbiter = Keypair.generate().publicKey;
        const treasuryOwner = Keypair.generate().publicKey;
        const treasury = await tokenAccount(p, treasuryOwner);
        p.trackToken(treasury);
        const ix = await updateConfigIx(
          p,
          {
            admin: admin.publicKey,
            operator,
            arbiter,
            params: { feeBps: 250, withdrawFee: new BN(50_000) },
            paused: true,
          },
          { treasury },
        );
        const r = await p.send(ix, [p.admin]);
        assert.ok(r.ok, r.logs.join("\n"));

        const c = (await p.account<any>("config", p.config))!;
        assert.ok(c.admin.equals(admin.publicKey));
        assert.ok(c.operator.equals(operator));
        assert.ok(c.arbiter.equals(arbiter));
        assert.ok(c.treasury.equals(treasury));
        assert.equal(c.feeBps, 250);
        assert.equal(big(c.withdrawFee), 50_000n);
        assert.equal(big(c.withdrawMinimum), 5_000_000n);
        assert.equal(c.paused, 1);
        // the mint and vault never change
        assert.ok(c.usdcMint.equals(p.usdcMint));
        assert.ok(c.vault.equals(p.vault));

        assert.equal(r.events[0]?.name, "configUpdated");
        const e = r.events[0]!.data as any;
        assert.ok(e.admin.equals(admin.publicKey));
        assert.ok(e.treasury.equals(treasury));
        assert.equal(e.params.feeBps, 250);
        assert.equal(e.paused, true);

        // and only the new admin may change it from now on
        await assertRefused(
          p,
          { ix: await updateConfigIx(p, {}, { admin: p.admin.publicKey }), signers: [p.admin] },
          "Unauthorized",
          [p.config],
        );
        await updateConfig(p, { paused: false }, admin);
        assert.equal((await p.account<any>("config", p.config))!.paused, 0);
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
        ["a negative cooldown", { cooldownSeconds: new BN(-1) }],
        ["a review window under a minute", { reviewWindowSeconds: new BN(59) }],
        ["a review window above 7 days", { reviewWindowSeconds: new BN(7 * 86_400 + 1) }],
      ];
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
          "handing the admin role to nobody",
          async () => ({
            ix: await updateConfigIx(p, { admin: PublicKey.default }),
            signers: [p.admin],
          }),
          "InvalidConfigValue",
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
