/**
 * Money leaving the vault for an agent: the withdrawal address and its cooldown,
 * withdrawals, and the panic exit to the emergency address.
 */
import assert from "node:assert/strict";
import { Keypair, PublicKey } from "@solana/web3.js";
import { feesAccrued, updateConfig } from "../support/admin.js";
import { fundedAgent, type TestAgent } from "../support/agents.js";
import {
  assertAccepted,
  assertRefused,
  at,
  copyOf,
  itChecksSignersAndWritability,
  substitute,
  tokenAccount,
  watched,
} from "../support/attempts.js";
import { assertMoneyInvariants } from "../support/invariant.js";
import { Platform, RUNTIMES } from "../support/platform.js";
import { tokenBalance } from "../support/tokens.js";
import {
  emergencyAccount,
  externalUsdcAccount,
  panic,
  panicIx,
  setWithdrawalAddress,
  setWithdrawalAddressIx,
  withdraw,
  withdrawIx,
  withWithdrawalAddress,
} from "../support/wallet.js";

const big = (v: unknown) => BigInt((v as { toString(): string }).toString());
const U64_MAX = 2n ** 64n - 1n;
const DAY = 86_400n;

for (const runtime of RUNTIMES) {
  describe(`wallet [${runtime.name}]`, () => {
    let p: Platform;
    let agent: TestAgent;
    const platform = () => p;

    beforeEach(async () => {
      p = await Platform.start(runtime.start);
      await p.initializeConfig();
      agent = await fundedAgent(p); // 50 USDC deposited from its personal wallet, 49 available
    });

    describe("set_withdrawal_address", () => {
      it("takes effect at once the first time", async () => {
        const address = Keypair.generate().publicKey;
        const r = await setWithdrawalAddress(agent, address);
        const ledger = await agent.ledgerState();
        assert.ok(ledger.withdrawalAddress.equals(address));
        assert.equal(big(ledger.cooldownUntil), 0n);
        assert.equal(r.events[0]?.name, "withdrawalAddressSet");
        const e = r.events[0]!.data;
        assert.ok((e.address as PublicKey).equals(address));
        assert.ok((e.previous as PublicKey).equals(PublicKey.default));
        assert.equal(big(e.cooldownUntil), 0n);
        // and a withdrawal can follow immediately
        await withdraw(agent, 5_000_000n, await externalUsdcAccount(p, address));
        await assertMoneyInvariants(p);
      });

      it("starts a 24 h cooldown when the address changes", async () => {
        const first = Keypair.generate().publicKey;
        const second = Keypair.generate().publicKey;
        await setWithdrawalAddress(agent, first);
        const t = await p.chain.now();
        const r = await setWithdrawalAddress(agent, second);
        const ledger = await agent.ledgerState();
        assert.ok(ledger.withdrawalAddress.equals(second));
        assert.equal(big(ledger.cooldownUntil), t + DAY);
        const e = r.events[0]!.data;
        assert.ok((e.previous as PublicKey).equals(first));
        assert.equal(big(e.cooldownUntil), t + DAY);
      });

      it("changes nothing and emits nothing when the same address is set again", async () => {
        const address = Keypair.generate().publicKey;
        await setWithdrawalAddress(agent, address);
        await setWithdrawalAddress(agent, Keypair.generate().publicKey);
        const again = (await agent.ledgerState()).withdrawalAddress as PublicKey;
        const before = await p.chain.getAccount(agent.ledger);
        await p.chain.warpTo((await p.chain.now()) + 100n);
        const r = await setWithdrawalAddress(agent, again);
        assert.deepEqual(r.events, []);
        assert.deepEqual((await p.chain.getAccount(agent.ledger))?.data, before?.data);
      });

      const set = async () => ({
        ix: await setWithdrawalAddressIx(agent, Keypair.generate().publicKey),
        signers: [agent.wallet],
      });
      itChecksSignersAndWritability("set_withdrawal_address", platform, set);

      const refusals: [string, () => Promise<{ ix: any; signers: Keypair[] }>, string][] = [
        [
          "to the zero address",
          async () => ({ ix: await setWithdrawalAddressIx(agent, PublicKey.default), signers: [agent.wallet] }),
          "InvalidWithdrawalAddress",
        ],
        [
          "to the vault's authority",
          async () => ({ ix: await setWithdrawalAddressIx(agent, p.config), signers: [agent.wallet] }),
          "InvalidWithdrawalAddress",
        ],
        [
          "on another agent's ledger",
          async () => {
            const other = await fundedAgent(p, 0n);
            return substitute(await set(), at(p, "setWithdrawalAddress", "agent"), other.ledger);
          },
          "PartyMismatch",
        ],
        [
          "with a config owned by another program",
          async () =>
            substitute(
              await set(),
              at(p, "setWithdrawalAddress", "config"),
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

    describe("withdraw", () => {
      let destination: PublicKey;
      let owner: Keypair;
      beforeEach(async () => {
        ({ owner, destination } = await withWithdrawalAddress(agent));
      });

      it("pays the amount minus the flat 0.10 USDC fee to the withdrawal address", async () => {
        // Given 49 USDC available
        const feesBefore = await feesAccrued(p);
        const vaultBefore = await tokenBalance(p.chain, p.vault);

        // When the agent withdraws 10 USDC
        const r = await withdraw(agent, 10_000_000n, destination);

        // Then 9.90 USDC arrive, 0.10 stays as a fee, and the ledger drops by 10
        assert.equal(await tokenBalance(p.chain, destination), 9_900_000n);
        assert.equal(await tokenBalance(p.chain, p.vault), vaultBefore - 9_900_000n);
        assert.equal(await feesAccrued(p), feesBefore + 100_000n);
        assert.equal(await agent.available(), 39_000_000n);
        assert.equal(big((await agent.ledgerState()).totalWithdrawn), 9_900_000n);
        assert.equal(r.events[0]?.name, "withdrawn");
        const e = r.events[0]!.data;
        assert.ok((e.address as PublicKey).equals(owner.publicKey));
        assert.ok((e.destination as PublicKey).equals(destination));
        assert.equal(big(e.amount), 10_000_000n);
        assert.equal(big(e.fee), 100_000n);
        assert.equal(big(e.available), 39_000_000n);
        await assertMoneyInvariants(p);
      });

      it("accepts exactly the 5 USDC minimum and the whole balance", async () => {
        await withdraw(agent, 5_000_000n, destination);
        await withdraw(agent, 44_000_000n, destination);
        assert.equal(await agent.available(), 0n);
        assert.equal(await tokenBalance(p.chain, destination), 4_900_000n + 43_900_000n);
        await assertMoneyInvariants(p);
      });

      it("is locked until the cooldown after an address change ends, to the second", async () => {
        const next = Keypair.generate();
        await setWithdrawalAddress(agent, next.publicKey);
        const until = big((await agent.ledgerState()).cooldownUntil);
        const to = await externalUsdcAccount(p, next.publicKey);
        const attempt = async () => ({ ix: await withdrawIx(agent, 5_000_000n, to), signers: [agent.wallet] });
        await assertRefused(p, await attempt(), "CooldownActive", [agent.ledger]);
        await p.chain.warpTo(until - 1n);
        await assertRefused(p, await attempt(), "CooldownActive", [agent.ledger]);
        await p.chain.warpTo(until);
        await assertAccepted(p, await attempt());
        assert.equal(await tokenBalance(p.chain, to), 4_900_000n);
        await assertMoneyInvariants(p);
      });

      it("keeps working while the platform is paused", async () => {
        await updateConfig(p, { paused: true });
        await withdraw(agent, 5_000_000n, destination);
        await assertMoneyInvariants(p);
      });

      const attempt = async (amount = 5_000_000n) => ({
        ix: await withdrawIx(agent, amount, destination),
        signers: [agent.wallet],
      });
      itChecksSignersAndWritability("withdraw", platform, () => attempt());

      const refusals: [string, () => Promise<{ ix: any; signers: Keypair[] }>, string][] = [
        ["below the 5 USDC minimum", () => attempt(4_999_999n), "BelowWithdrawMinimum"],
        ["of more than the balance", () => attempt(49_000_001n), "InsufficientFunds"],
        ["of u64::MAX", () => attempt(U64_MAX), "InsufficientFunds"],
        [
          "without a withdrawal address",
          async () => {
            const fresh = await fundedAgent(p);
            return { ix: await withdrawIx(fresh, 5_000_000n, destination), signers: [fresh.wallet] };
          },
          "NoWithdrawalAddress",
        ],
        [
          "to a token account of someone else",
          async () => ({
            ix: await withdrawIx(agent, 5_000_000n, await tokenAccount(p, Keypair.generate().publicKey)),
            signers: [agent.wallet],
          }),
          "PartyMismatch",
        ],
        [
          "to the emergency address instead of the withdrawal address",
          async () => ({
            ix: await withdrawIx(agent, 5_000_000n, await emergencyAccount(agent)),
            signers: [agent.wallet],
          }),
          "PartyMismatch",
        ],
        [
          "to a token account of another mint",
          async () => ({
            ix: await withdrawIx(
              agent,
              5_000_000n,
              await tokenAccount(p, owner.publicKey, { mint: Keypair.generate().publicKey }),
            ),
            signers: [agent.wallet],
          }),
          "InvalidMint",
        ],
        [
          "to a frozen token account",
          async () => ({
            ix: await withdrawIx(agent, 5_000_000n, await tokenAccount(p, owner.publicKey, { frozen: true })),
            signers: [agent.wallet],
          }),
          "InvalidTokenAccount",
        ],
        [
          "to an account that is not a token account",
          async () => substitute(await attempt(), at(p, "withdraw", "destination"), agent.ledger),
          "InvalidOwner",
        ],
        [
          "from a fake vault",
          async () =>
            substitute(
              await attempt(),
              at(p, "withdraw", "vault"),
              await tokenAccount(p, p.config, { amount: 10_000_000n }),
            ),
          "InvalidVault",
        ],
        [
          "with a config owned by another program",
          async () =>
            substitute(
              await attempt(),
              at(p, "withdraw", "config"),
              await copyOf(p, p.config, Keypair.generate().publicKey),
            ),
          "InvalidOwner",
        ],
        [
          "from another agent's ledger",
          async () => {
            const victim = await fundedAgent(p);
            return substitute(await attempt(), at(p, "withdraw", "agent"), victim.ledger);
          },
          "PartyMismatch",
        ],
        [
          "with a wrong token program",
          async () => substitute(await attempt(), at(p, "withdraw", "tokenProgram"), Keypair.generate().publicKey),
          "InvalidProgramId",
        ],
      ];
      for (const [name, build, error] of refusals) {
        it(`is refused ${name}`, async () => {
          const a = await build();
          await assertRefused(p, a, error, [...watched(a), agent.ledger]);
        });
      }
    });

    describe("panic", () => {
      it("sends the whole balance to the first depositor's wallet, with no fee or minimum", async () => {
        const feesBefore = await feesAccrued(p);
        const r = await panic(agent);
        const to = await emergencyAccount(agent);
        assert.equal(await tokenBalance(p.chain, to), 49_000_000n);
        assert.equal(await agent.available(), 0n);
        assert.equal(await feesAccrued(p), feesBefore);
        const ledger = await agent.ledgerState();
        assert.equal(ledger.activated, 1);
        assert.equal(big(ledger.totalWithdrawn), 49_000_000n);
        assert.equal(r.events[0]?.name, "panicked");
        const e = r.events[0]!.data;
        assert.ok((e.emergencyAddress as PublicKey).equals(agent.personal.publicKey));
        assert.ok((e.destination as PublicKey).equals(to));
        assert.equal(big(e.amount), 49_000_000n);
        await assertMoneyInvariants(p);
      });

      it("ignores the withdrawal cooldown: a thief who changed the address gains nothing", async () => {
        // Given a stolen key used to redirect withdrawals
        await withWithdrawalAddress(agent);
        const thief = Keypair.generate();
        await setWithdrawalAddress(agent, thief.publicKey);
        const thiefAccount = await externalUsdcAccount(p, thief.publicKey);
        // When the owner panics during the cooldown, the funds go home
        await panic(agent);
        assert.equal(await tokenBalance(p.chain, await emergencyAccount(agent)), 49_000_000n);
        // and panic cannot be pointed at the thief's account
        await agent.deposit(10_000_000n);
        await assertRefused(p, { ix: await panicIx(agent, thiefAccount), signers: [agent.wallet] }, "PartyMismatch", [
          agent.ledger,
        ]);
        await assertMoneyInvariants(p);
      });

      it("keeps the emergency address of the first deposit whatever later deposits claim", async () => {
        const other = Keypair.generate().publicKey;
        await agent.deposit(3_000_000n, other);
        assert.ok((await agent.ledgerState()).emergencyAddress.equals(agent.personal.publicKey));
        await assertRefused(
          p,
          { ix: await panicIx(agent, await externalUsdcAccount(p, other)), signers: [agent.wallet] },
          "PartyMismatch",
          [agent.ledger],
        );
        await panic(agent);
        assert.equal(await tokenBalance(p.chain, await emergencyAccount(agent)), 52_000_000n);
      });

      it("leaves the agent active: the next deposit pays no activation fee", async () => {
        await panic(agent);
        await agent.deposit(2_000_000n);
        assert.equal(await agent.available(), 2_000_000n);
        await assertMoneyInvariants(p);
      });

      it("keeps working while the platform is paused", async () => {
        await updateConfig(p, { paused: true });
        await panic(agent);
        await assertMoneyInvariants(p);
      });

      const attempt = async () => ({
        ix: await panicIx(agent, await emergencyAccount(agent)),
        signers: [agent.wallet],
      });
      itChecksSignersAndWritability("panic", platform, attempt);

      const refusals: [string, () => Promise<{ ix: any; signers: Keypair[] }>, string][] = [
        [
          "with nothing available",
          async () => {
            await panic(agent);
            return attempt();
          },
          "InsufficientFunds",
        ],
        [
          "before any deposit recorded an emergency address",
          async () => {
            const fresh = await fundedAgent(p, 0n);
            return { ix: await panicIx(fresh, await emergencyAccount(fresh)), signers: [fresh.wallet] };
          },
          "NoEmergencyAddress",
        ],
        [
          "to a token account of another mint",
          async () => ({
            ix: await panicIx(
              agent,
              await tokenAccount(p, agent.personal.publicKey, { mint: Keypair.generate().publicKey }),
            ),
            signers: [agent.wallet],
          }),
          "InvalidMint",
        ],
        [
          "from a fake vault",
          async () =>
            substitute(
              await attempt(),
              at(p, "panic", "vault"),
              await tokenAccount(p, p.config, { amount: 60_000_000n }),
            ),
          "InvalidVault",
        ],
        [
          "with a config owned by another program",
          async () =>
            substitute(
              await attempt(),
              at(p, "panic", "config"),
              await copyOf(p, p.config, Keypair.generate().publicKey),
            ),
          "InvalidOwner",
        ],
        [
          "on another agent's ledger",
          async () => {
            const victim = await fundedAgent(p);
            return substitute(await attempt(), at(p, "panic", "agent"), victim.ledger);
          },
          "PartyMismatch",
        ],
        [
          "with a wrong token program",
          async () => substitute(await attempt(), at(p, "panic", "tokenProgram"), Keypair.generate().publicKey),
          "InvalidProgramId",
        ],
      ];
      for (const [name, build, error] of refusals) {
        it(`is refused ${name}`, async () => {
          const a = await build();
          await assertRefused(p, a, error, [...watched(a), agent.ledger]);
        });
      }
    });
  });
}
