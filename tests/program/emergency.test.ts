/**
 * Who decides where `panic` pays. An agent's wallet is public and the deposit scan turns
 * every incoming transfer into a deposit, so a stranger can always make the first deposit.
 * The rules: the agent may pin its emergency address before its first deposit; otherwise
 * only a single deposit of at least the activation fee records one; once set it never
 * changes; and the config PDA, the vault and the zero key are never accepted.
 */
import assert from "node:assert/strict";
import { Keypair, PublicKey } from "@solana/web3.js";
import { fundedAgent, TestAgent } from "../support/agents.js";
import {
  assertAccepted,
  assertRefused,
  at,
  copyOf,
  itChecksSignersAndWritability,
  itRefusesEach,
  substitute,
} from "../support/attempts.js";
import { assertMoneyInvariants } from "../support/invariant.js";
import { deliveredJob } from "../support/jobs.js";
import { Platform, RUNTIMES } from "../support/platform.js";
import { tokenBalance } from "../support/tokens.js";
import { externalUsdcAccount, panic, panicIx, pinEmergencyAddress, pinEmergencyAddressIx } from "../support/wallet.js";

const ACTIVATION_FEE = 1_000_000n;

for (const runtime of RUNTIMES) {
  describe(`emergency address [${runtime.name}]`, () => {
    let p: Platform;
    let agent: TestAgent;
    const platform = () => p;
    /** The wallet's deposit scan crediting a transfer that `from` sent to the agent's wallet. */
    const depositFrom = (from: PublicKey, amount: bigint) => agent.deposit(amount, from);
    const emergencyOf = async (a: TestAgent) => (await a.ledgerState()).emergencyAddress as PublicKey;

    beforeEach(async () => {
      p = await Platform.start(runtime.start);
      await p.initializeConfig();
      agent = new TestAgent(p);
      await agent.register();
    });

    describe("set by a deposit", () => {
      it("is not captured by a stranger's dust sent before the owner's first deposit", async () => {
        // Given a stranger sends 1 micro-USDC to the agent's public wallet first
        const stranger = Keypair.generate().publicKey;
        await depositFrom(stranger, 1n);
        // Then it is credited but decides nothing
        assert.equal(await agent.available(), 1n);
        assert.ok((await emergencyOf(agent)).equals(PublicKey.default));
        // When the owner then deposits from its personal wallet
        await depositFrom(agent.personal.publicKey, 50_000_000n);
        // Then the owner's wallet is the emergency address and panic pays it everything
        assert.ok((await emergencyOf(agent)).equals(agent.personal.publicKey));
        const strangerAccount = await externalUsdcAccount(p, stranger);
        await assertRefused(
          p,
          { ix: await panicIx(agent, strangerAccount), signers: [agent.wallet] },
          "PartyMismatch",
          [agent.ledger],
        );
        await panic(agent);
        assert.equal(
          await tokenBalance(p.chain, await externalUsdcAccount(p, agent.personal.publicKey)),
          50_000_001n - ACTIVATION_FEE,
        );
        assert.equal(await tokenBalance(p.chain, strangerAccount), 0n);
        await assertMoneyInvariants(p);
      });

      it("is set by a single deposit of exactly the activation fee, and never changed by later ones", async () => {
        await depositFrom(agent.personal.publicKey, ACTIVATION_FEE - 1n);
        assert.ok((await emergencyOf(agent)).equals(PublicKey.default));
        await depositFrom(agent.personal.publicKey, ACTIVATION_FEE);
        assert.ok((await emergencyOf(agent)).equals(agent.personal.publicKey));
        await depositFrom(Keypair.generate().publicKey, 20_000_000n);
        assert.ok((await emergencyOf(agent)).equals(agent.personal.publicKey));
        await assertMoneyInvariants(p);
      });

      for (const [name, target] of [
        ["the config PDA", () => p.config],
        ["the vault", () => p.vault],
      ] as const) {
        it(`refuses a deposit that would make ${name} the emergency address`, async () => {
          // Given a deposit large enough to set the address, claimed to come from `target`
          await agent.fundWallet(5_000_000n);
          const ix = await agent.depositIx(5_000_000n, target());
          // Then it is refused: panic would strand the funds in the vault as surplus
          await assertRefused(p, { ix, signers: [agent.wallet, p.operator] }, "InvalidEmergencyAddress", [
            agent.ledger,
            agent.usdc,
          ]);
          assert.ok((await emergencyOf(agent)).equals(PublicKey.default));
        });
      }
    });

    describe("pin_emergency_address", () => {
      it("pins the address before the first deposit; no deposit changes it, and panic pays it", async () => {
        // Given the agent pins its recovery wallet right after registering
        const recovery = Keypair.generate().publicKey;
        const r = await pinEmergencyAddress(agent, recovery);
        assert.deepEqual(
          r.events.map((e) => e.name),
          ["emergencyAddressPinned"],
        );
        assert.ok((r.events[0]!.data.wallet as PublicKey).equals(agent.key));
        assert.ok((r.events[0]!.data.address as PublicKey).equals(recovery));
        assert.ok((await emergencyOf(agent)).equals(recovery));

        // When a stranger deposits the activation fee first, and the owner deposits after
        const stranger = Keypair.generate().publicKey;
        const d = await depositFrom(stranger, ACTIVATION_FEE);
        assert.ok((d.events[0]!.data.emergencyAddress as PublicKey).equals(recovery));
        await depositFrom(agent.personal.publicKey, 10_000_000n);

        // Then the pinned address is still the only place panic pays
        assert.ok((await emergencyOf(agent)).equals(recovery));
        for (const other of [stranger, agent.personal.publicKey]) {
          await assertRefused(
            p,
            { ix: await panicIx(agent, await externalUsdcAccount(p, other)), signers: [agent.wallet] },
            "PartyMismatch",
            [agent.ledger],
          );
        }
        const to = await externalUsdcAccount(p, recovery);
        await assertRefused(p, await pin(Keypair.generate().publicKey), "EmergencyAddressLocked", [agent.ledger]);
        await assertAccepted(p, { ix: await panicIx(agent, to), signers: [agent.wallet] });
        // The stranger's deposit paid the activation fee; the owner's 10 USDC are what is left
        assert.equal(await tokenBalance(p.chain, to), 10_000_000n);
        assert.equal(await agent.available(), 0n);
        await assertMoneyInvariants(p);
      });

      it("fits in the registration transaction, so the agent is never on-chain unpinned", async () => {
        const fresh = new TestAgent(p);
        const recovery = Keypair.generate().publicKey;
        const r = await p.send(
          [await fresh.registerIx(), await pinEmergencyAddressIx(fresh, recovery)],
          [fresh.wallet],
        );
        assert.ok(r.ok, r.logs.join("\n"));
        p.track("agent", fresh.ledger);
        assert.deepEqual(
          r.events.map((e) => e.name),
          ["agentRegistered", "emergencyAddressPinned"],
        );
        assert.ok((await emergencyOf(fresh)).equals(recovery));
      });

      it("lets a provider that only ever earned pin its address and panic its earnings home", async () => {
        // Given a provider that never deposited but was paid for a job
        const client = await fundedAgent(p);
        const job = await deliveredJob(p, client, agent, { amount: 2_000_000n });
        await job.release();
        assert.equal(await agent.available(), 2_000_000n);
        assert.equal((await agent.ledgerState()).totalDeposited.toString(), "0");
        // When it pins an address, then panic pays its earnings there
        const recovery = Keypair.generate().publicKey;
        await pinEmergencyAddress(agent, recovery);
        const to = await externalUsdcAccount(p, recovery);
        await assertAccepted(p, { ix: await panicIx(agent, to), signers: [agent.wallet] });
        assert.equal(await tokenBalance(p.chain, to), 2_000_000n);
        await assertMoneyInvariants(p);
      });

      const pin = async (address: PublicKey) => ({
        ix: await pinEmergencyAddressIx(agent, address),
        signers: [agent.wallet],
      });
      itChecksSignersAndWritability("pin_emergency_address", platform, () => pin(Keypair.generate().publicKey));

      itRefusesEach(
        platform,
        [
          [
            "after any deposit, even dust that set nothing",
            async () => {
              await depositFrom(Keypair.generate().publicKey, 1n);
              return pin(Keypair.generate().publicKey);
            },
            "EmergencyAddressLocked",
          ],
          [
            "once a deposit recorded the address",
            async () => {
              await depositFrom(agent.personal.publicKey, 5_000_000n);
              return pin(Keypair.generate().publicKey);
            },
            "EmergencyAddressLocked",
          ],
          [
            "a second time",
            async () => {
              await pinEmergencyAddress(agent, Keypair.generate().publicKey);
              return pin(Keypair.generate().publicKey);
            },
            "EmergencyAddressLocked",
          ],
          ["for the zero key", () => pin(PublicKey.default), "InvalidEmergencyAddress"],
          ["for the config PDA", () => pin(p.config), "InvalidEmergencyAddress"],
          ["for the vault", () => pin(p.vault), "InvalidEmergencyAddress"],
          [
            "signed by a stranger instead of the agent's wallet",
            async () =>
              substitute(
                await pin(Keypair.generate().publicKey),
                at(p, "pinEmergencyAddress", "wallet"),
                Keypair.generate(),
              ),
            "PartyMismatch",
          ],
          [
            "signed by the operator instead of the agent's wallet",
            async () =>
              substitute(await pin(Keypair.generate().publicKey), at(p, "pinEmergencyAddress", "wallet"), p.operator),
            "PartyMismatch",
          ],
          [
            "on another agent's ledger",
            async () => {
              const other = new TestAgent(p);
              await other.register();
              return substitute(
                await pin(Keypair.generate().publicKey),
                at(p, "pinEmergencyAddress", "agent"),
                other.ledger,
              );
            },
            "PartyMismatch",
          ],
          [
            "with a config owned by another program",
            async () =>
              substitute(
                await pin(Keypair.generate().publicKey),
                at(p, "pinEmergencyAddress", "config"),
                await copyOf(p, p.config, Keypair.generate().publicKey),
              ),
            "InvalidOwner",
          ],
        ],
        () => [agent.ledger],
      );
    });
  });
}
