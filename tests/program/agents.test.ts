import assert from "node:assert/strict";
import { errorCode } from "@justpay/sdk";
import { Keypair, PublicKey } from "@solana/web3.js";
import { fundedAgent, TestAgent } from "../support/agents.js";
import { assertMoneyInvariants } from "../support/invariant.js";
import { Platform, RUNTIMES } from "../support/platform.js";
import { setTokenAccount, tokenBalance } from "../support/tokens.js";

for (const runtime of RUNTIMES) {
  describe(`agent ledgers [${runtime.name}]`, () => {
    let p: Platform;
    beforeEach(async () => {
      p = await Platform.start(runtime.start);
      await p.initializeConfig();
    });

    describe("register_agent", () => {
      it("creates an empty, unactivated ledger for the wallet and emits AgentRegistered", async () => {
        const a = new TestAgent(p);
        const r = await a.register();
        const ledger = await a.ledgerState();
        assert.ok(ledger.wallet.equals(a.key));
        assert.equal(ledger.available.toString(), "0");
        assert.equal(ledger.activated, 0);
        assert.equal(ledger.bump, a.ledgerBump);
        assert.deepEqual(
          r.events.map((e) => e.name),
          ["agentRegistered"],
        );
        assert.ok((r.events[0]!.data.wallet as PublicKey).equals(a.key));
      });

      it("refuses a second ledger for the same wallet", async () => {
        const a = await fundedAgent(p, 0n);
        const r = await p.send(await a.registerIx(), [a.wallet]);
        assert.equal(r.errorCode, errorCode("AlreadyInitialized"));
      });

      it("requires the wallet's signature", async () => {
        const a = new TestAgent(p);
        const ix = await a.registerIx();
        ix.keys[1]!.isSigner = false;
        const r = await p.send(ix, []);
        assert.equal(r.errorCode, errorCode("MissingSigner"));
      });

      it("refuses a ledger address that is not the wallet's PDA", async () => {
        const a = new TestAgent(p);
        const other = new TestAgent(p);
        const ix = await a.registerIx();
        ix.keys[2]!.pubkey = other.ledger;
        const r = await p.send(ix, [a.wallet]);
        assert.equal(r.errorCode, errorCode("InvalidAddress"));
      });
    });

    describe("deposit", () => {
      it("moves USDC into the vault, takes the activation fee once, and records the emergency address from a deposit that reaches the fee", async () => {
        const a = new TestAgent(p);
        await a.register();
        // Given a first deposit below the activation fee
        let r = await a.deposit(400_000n);
        let ledger = await a.ledgerState();
        assert.equal(ledger.available.toString(), "400000");
        assert.equal(ledger.activated, 0);
        // Then it is too small to decide the emergency address
        assert.ok(ledger.emergencyAddress.equals(PublicKey.default));
        assert.equal(r.events[0]?.name, "deposited");
        await assertMoneyInvariants(p);

        // When cumulative deposits reach 1 USDC, the fee is charged
        r = await a.deposit(700_000n, Keypair.generate().publicKey);
        ledger = await a.ledgerState();
        assert.equal(ledger.activated, 1);
        assert.equal(ledger.available.toString(), "100000");
        assert.equal(ledger.totalDeposited.toString(), "1100000");
        assert.equal(r.events[0]?.data.activationFee?.toString(), "1000000");
        // but no single deposit reached it, so there is still no emergency address
        assert.ok(ledger.emergencyAddress.equals(PublicKey.default));
        const config = await p.account<Record<string, any>>("config", p.config);
        assert.equal(config?.feesAccrued.toString(), "1000000");
        assert.equal(await tokenBalance(p.chain, p.vault), 1_100_000n);
        assert.equal(await tokenBalance(p.chain, a.usdc), 0n);
        await assertMoneyInvariants(p);

        // The first deposit of at least the fee records its source, and pays no fee again
        r = await a.deposit(5_000_000n);
        assert.equal(await a.available(), 5_100_000n);
        assert.ok((await a.ledgerState()).emergencyAddress.equals(a.personal.publicKey));
        assert.ok((r.events[0]!.data.emergencyAddress as PublicKey).equals(a.personal.publicKey));
        await assertMoneyInvariants(p);
      });

      const cases: [string, (a: TestAgent) => Promise<{ ix: any; signers: Keypair[] }>, string][] = [
        [
          "without the wallet's signature",
          async (a) => {
            const ix = await a.depositIx(1_000_000n);
            ix.keys[0]!.isSigner = false;
            return { ix, signers: [p.operator] };
          },
          "MissingSigner",
        ],
        [
          "without the operator's signature",
          async (a) => {
            const ix = await a.depositIx(1_000_000n);
            ix.keys[1]!.isSigner = false;
            return { ix, signers: [a.wallet] };
          },
          "MissingSigner",
        ],
        [
          "co-signed by a stranger instead of the operator",
          async (a) => {
            const stranger = Keypair.generate();
            return {
              ix: await a.depositIx(1_000_000n, undefined, { operator: stranger.publicKey }),
              signers: [a.wallet, stranger],
            };
          },
          "Unauthorized",
        ],
        [
          "into another agent's ledger",
          async (a) => {
            const b = await fundedAgent(p, 0n);
            return {
              ix: await a.depositIx(1_000_000n, undefined, { agent: b.ledger }),
              signers: [a.wallet, p.operator],
            };
          },
          "PartyMismatch",
        ],
        [
          "into a fake vault",
          async (a) => {
            const fake = Keypair.generate().publicKey;
            await setTokenAccount(p.chain, fake, { mint: p.usdcMint, owner: p.config });
            return { ix: await a.depositIx(1_000_000n, undefined, { vault: fake }), signers: [a.wallet, p.operator] };
          },
          "InvalidVault",
        ],
        [
          "from a token account of another mint",
          async (a) => {
            const fake = Keypair.generate().publicKey;
            await setTokenAccount(p.chain, fake, {
              mint: Keypair.generate().publicKey,
              owner: a.key,
              amount: 5_000_000n,
            });
            return { ix: await a.depositIx(1_000_000n, undefined, { source: fake }), signers: [a.wallet, p.operator] };
          },
          "InvalidMint",
        ],
        [
          "with a substituted config",
          async (a) => {
            const fake = Keypair.generate().publicKey;
            const real = await p.chain.getAccount(p.config);
            await p.chain.setAccount(fake, { ...real!, owner: Keypair.generate().publicKey });
            return { ix: await a.depositIx(1_000_000n, undefined, { config: fake }), signers: [a.wallet, p.operator] };
          },
          "InvalidOwner",
        ],
        [
          "with a wrong token program",
          async (a) => ({
            ix: await a.depositIx(1_000_000n, undefined, { tokenProgram: Keypair.generate().publicKey }),
            signers: [a.wallet, p.operator],
          }),
          "InvalidProgramId",
        ],
        ["of zero", async (a) => ({ ix: await a.depositIx(0n), signers: [a.wallet, p.operator] }), "InvalidAmount"],
      ];
      for (const [name, build, error] of cases) {
        it(`is refused ${name}`, async () => {
          const a = await fundedAgent(p, 0n);
          await a.fundWallet(1_000_000n);
          const before = await assertMoneyInvariants(p);
          const { ix, signers } = await build(a);
          const r = await p.send(ix, signers);
          assert.equal(r.ok, false);
          assert.equal(r.errorCode, errorCode(error as any), r.logs.join("\n"));
          assert.equal(await a.available(), 0n);
          assert.equal((await assertMoneyInvariants(p)).vault, before.vault);
        });
      }
    });
  });
}
