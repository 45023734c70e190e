import assert from "node:assert/strict";
import { Keypair, type PublicKey } from "@solana/web3.js";
import { errorCode } from "../../sdk/src/program/index.js";
import { DEFAULT_PARAMS, Platform, RUNTIMES } from "../support/platform.js";
import { setTokenAccount } from "../support/tokens.js";

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
      const r = await p.send(await p.initializeConfigIx(), [p.admin]);
      assert.equal(r.ok, false);
      assert.equal(r.errorCode, errorCode("AlreadyInitialized"));
    });

    it("rejects a vault not owned by the config PDA", async () => {
      await setTokenAccount(p.chain, p.vault, { mint: p.usdcMint, owner: Keypair.generate().publicKey });
      const r = await p.send(await p.initializeConfigIx(), [p.admin]);
      assert.equal(r.errorCode, errorCode("InvalidVault"));
    });

    it("rejects a vault with a delegate", async () => {
      await setTokenAccount(p.chain, p.vault, { mint: p.usdcMint, owner: p.config, delegate: p.admin.publicKey });
      const r = await p.send(await p.initializeConfigIx(), [p.admin]);
      assert.equal(r.errorCode, errorCode("InvalidVault"));
    });

    it("rejects a fee above 10%", async () => {
      const r = await p.send(await p.initializeConfigIx({ params: { feeBps: 1_001 } }), [p.admin]);
      assert.equal(r.errorCode, errorCode("InvalidConfigValue"));
      assert.equal(await p.chain.getAccount(p.config), null);
      assert.equal(DEFAULT_PARAMS.feeBps, 300);
    });
  });
}
