import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  BPF_LOADER_UPGRADEABLE_ID,
  encodeProgramDataAccount,
  errorCode,
  type ProgramErrorName,
  programDataAddress,
} from "@justpay/sdk";
import { Keypair, type PublicKey, type TransactionInstruction } from "@solana/web3.js";
import { deployUpgradeable } from "../support/chain.js";
import { assertMoneyInvariants } from "../support/invariant.js";
import { DEFAULT_PARAMS, Platform, PROGRAM_PATH, RUNTIMES } from "../support/platform.js";
import { setTokenAccount, tokenBalance } from "../support/tokens.js";

for (const runtime of RUNTIMES) {
  describe(`initialize_config [${runtime.name}]`, () => {
    let p: Platform;
    beforeEach(async () => {
      p = await Platform.start(runtime.start);
    });

    it("creates the config PDA with the given authorities and limits, and emits ConfigInitialized", async () => {
      const r = await p.initializeConfig();

      const config = await p.account<Record<string, any>>("config", p.config);
      assert.ok(config);
      assert.ok(config.admin.equals(p.admin.publicKey));
      assert.ok(config.operator.equals(p.operator.publicKey));
      assert.ok(config.arbiter.equals(p.arbiter.publicKey));
      assert.ok(config.usdcMint.equals(p.usdcMint));
      assert.ok(config.vault.equals(p.vault));
      assert.ok(config.treasury.equals(p.treasury));
      assert.equal(config.feeBps, 300);
      assert.equal(config.activationFee.toString(), "1000000");
      assert.equal(config.feesAccrued.toString(), "0");
      assert.equal(config.bump, p.configBump);

      assert.equal(r.events.length, 1);
      const [event] = r.events;
      assert.equal(event?.name, "configInitialized");
      assert.ok((event!.data.admin as PublicKey).equals(p.admin.publicKey));
      assert.equal(event?.data.feeBps, 300);

      const raw = await p.chain.getAccount(p.config);
      assert.ok(raw?.owner.equals(p.program.programId));
    });

    it("cannot be initialized twice", async () => {
      await p.initializeConfig();
      const r = await p.send(await p.initializeConfigIx(), p.initSigners);
      assert.equal(r.ok, false);
      assert.equal(r.errorCode, errorCode("AlreadyInitialized"));
    });

    it("rejects a vault not owned by the config PDA", async () => {
      await setTokenAccount(p.chain, p.vault, { mint: p.usdcMint, owner: Keypair.generate().publicKey });
      const r = await p.send(await p.initializeConfigIx(), p.initSigners);
      assert.equal(r.errorCode, errorCode("InvalidVault"));
    });

    it("rejects a vault with a delegate", async () => {
      await setTokenAccount(p.chain, p.vault, { mint: p.usdcMint, owner: p.config, delegate: p.admin.publicKey });
      const r = await p.send(await p.initializeConfigIx(), p.initSigners);
      assert.equal(r.errorCode, errorCode("InvalidVault"));
    });

    it("rejects a fee above 10%", async () => {
      const r = await p.send(await p.initializeConfigIx({ params: { feeBps: 1_001 } }), p.initSigners);
      assert.equal(r.errorCode, errorCode("InvalidConfigValue"));
      assert.equal(await p.chain.getAccount(p.config), null);
      assert.equal(DEFAULT_PARAMS.feeBps, 300);
    });

    describe("upgrade-authority gate", () => {
      const attacker = Keypair.generate();

      /** The attacker's own program, deployed with the attacker as its upgrade authority. */
      async function attackerProgram(): Promise<PublicKey> {
        const programId = Keypair.generate().publicKey;
        await deployUpgradeable(p.chain, programId, readFileSync(PROGRAM_PATH), attacker.publicKey);
        return programId;
      }

      /** The attack is refused with `error`, leaves no config, and the real authority can still initialize. */
      async function refused(ix: TransactionInstruction, signers: Keypair[], error: ProgramErrorName) {
        const r = await p.send(ix, signers);
        assert.equal(r.ok, false, "the attack succeeded");
        assert.equal(r.errorCode, errorCode(error), `expected ${error}: ${r.error}\n${r.logs.join("\n")}`);
        assert.equal(await p.chain.getAccount(p.config), null);
        const ok = await p.initializeConfig();
        assert.ok((ok.events[0]!.data.admin as PublicKey).equals(p.admin.publicKey));
        await assertMoneyInvariants(p);
      }

      it("takes the upgrade authority's signature; the admin it installs is a key of its choosing", async () => {
        // Given the program's upgrade authority and an admin that is another key
        assert.ok(!p.admin.publicKey.equals(p.chain.upgradeAuthority.publicKey));
        // When the authority initializes the config
        await p.initializeConfig();
        // Then the config's admin is that other key
        const config = await p.account<Record<string, any>>("config", p.config);
        assert.ok(config?.admin.equals(p.admin.publicKey));
        await assertMoneyInvariants(p);
      });

      it("refuses a first caller that is not the upgrade authority, so nobody can take the config", async () => {
        // Given an attacker who saw the program deployed and signs as admin and "authority"
        const ix = await p.initializeConfigIx({
          accounts: { admin: attacker.publicKey, upgradeAuthority: attacker.publicKey },
        });
        // When it initializes first, it is refused
        await refused(ix, [attacker], "Unauthorized");
      });

      it("refuses without the upgrade authority's signature", async () => {
        const ix = await p.initializeConfigIx();
        ix.keys[9]!.isSigner = false;
        await refused(ix, [p.admin], "MissingSigner");
      });

      it("refuses the ProgramData of another program, whose authority the attacker is", async () => {
        const other = await attackerProgram();
        const ix = await p.initializeConfigIx({
          accounts: { programData: programDataAddress(other), upgradeAuthority: attacker.publicKey },
        });
        await refused(ix, [p.admin, attacker], "InvalidProgramData");
      });

      it("refuses another program's Program and ProgramData accounts", async () => {
        const other = await attackerProgram();
        const ix = await p.initializeConfigIx({
          accounts: { program: other, programData: programDataAddress(other), upgradeAuthority: attacker.publicKey },
        });
        await refused(ix, [p.admin, attacker], "InvalidProgramData");
      });

      it("refuses everyone once the program is immutable (no upgrade authority)", async () => {
        // Given the program made immutable: its ProgramData records no authority
        const address = programDataAddress(p.chain.programId);
        const current = await p.chain.getAccount(address);
        assert.ok(current);
        assert.ok(current.owner.equals(BPF_LOADER_UPGRADEABLE_ID));
        const immutable = encodeProgramDataAccount(current.data.subarray(45), null);
        await p.chain.setAccount(address, { ...current, data: immutable });
        // When the former authority tries, it is refused, and no config exists
        const r = await p.send(await p.initializeConfigIx(), p.initSigners);
        assert.equal(r.errorCode, errorCode("ProgramImmutable"));
        assert.equal(await p.chain.getAccount(p.config), null);
        // so no deposit can ever reach the vault
        assert.equal(await tokenBalance(p.chain, p.vault), 0n);
      });
    });
  });
}
