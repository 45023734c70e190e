/**
 * bootstrapPlatform on a LocalChain: it opens the platform once, signed by the program's
 * upgrade authority, adopts only a config that is its own, and refuses a foreign one without
 * sending anything.
 */
import assert from "node:assert/strict";
import { rm } from "node:fs/promises";
import { Keypair, type PublicKey } from "@solana/web3.js";
import type { LocalChain } from "../../src/chain/local/index.js";
import { bootstrapPlatform, ForeignConfigError, type PlatformAuthorities } from "../../src/platform/bootstrap.js";
import { configPda, decodeAccount, errorCode, escrowProgram } from "../../src/program/index.js";
import { openLocal, tempDir } from "../chain/local-harness.js";

describe("bootstrapPlatform", () => {
  let dataDir: string;
  let chain: LocalChain;
  let ours: PlatformAuthorities;
  beforeEach(async () => {
    dataDir = await tempDir("justpay-bootstrap-");
    chain = await openLocal({ dataDir, durable: false });
    ours = {
      admin: Keypair.generate(),
      operator: Keypair.generate().publicKey,
      arbiter: Keypair.generate().publicKey,
      treasuryOwner: Keypair.generate().publicKey,
      upgradeAuthority: chain.upgradeAuthority,
    };
  });
  afterEach(async () => {
    await chain.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const bootstrap = (authorities: PlatformAuthorities, mint: PublicKey = chain.usdcMint) =>
    bootstrapPlatform(chain, chain.feePayer, mint, authorities);
  const config = () => configPda(chain.programId).address;
  type ConfigKeys = Record<"admin" | "operator" | "arbiter" | "usdcMint" | "vault" | "treasury", PublicKey>;
  const configState = async () => {
    const a = await chain.getAccount(config());
    return a && decodeAccount<ConfigKeys>(escrowProgram(chain.programId), "config", a.data);
  };

  it("initializes the config with its authorities, mint, vault and treasury, then adopts it on later runs", async () => {
    // When the platform is bootstrapped on a fresh chain
    const first = await bootstrap(ours);
    // Then the config names exactly what it asked for
    assert.equal(first.created, true);
    const state = await configState();
    assert.ok(state);
    assert.ok(state.admin.equals(ours.admin.publicKey));
    assert.ok(state.operator.equals(ours.operator));
    assert.ok(state.arbiter.equals(ours.arbiter));
    assert.ok(state.usdcMint.equals(chain.usdcMint));
    assert.ok(state.vault.equals(first.vault));
    assert.ok(state.treasury.equals(first.treasury));
    // and running it again sends nothing and reports the same platform
    const transactions = chain.transactionCount;
    const second = await bootstrap(ours);
    assert.equal(second.created, false);
    assert.deepEqual(second, { ...first, created: false });
    assert.equal(chain.transactionCount, transactions);
  });

  it("cannot initialize without the program's upgrade authority", async () => {
    // Given authorities that hold some other key as "upgrade authority"
    const impostor = { ...ours, upgradeAuthority: Keypair.generate() };
    await chain.airdrop(impostor.upgradeAuthority.publicKey, 1_000_000_000n);
    // When it bootstraps, the program refuses and no config exists
    const unauthorized = errorCode("Unauthorized");
    await assert.rejects(bootstrap(impostor), new RegExp(`"Custom":${unauthorized}`));
    assert.equal(await configState(), null);
  });

  it("opens the platform even when someone sent lamports to the config address first", async () => {
    await chain.airdrop(config(), 1_000_000n);
    const r = await bootstrap(ours);
    assert.equal(r.created, true);
    assert.ok((await configState())?.admin.equals(ours.admin.publicKey));
  });

  const foreign: [string, (a: PlatformAuthorities) => PlatformAuthorities, string[]][] = [
    ["another admin", (a) => ({ ...a, admin: Keypair.generate() }), ["admin"]],
    ["another operator", (a) => ({ ...a, operator: Keypair.generate().publicKey }), ["operator"]],
    ["another arbiter", (a) => ({ ...a, arbiter: Keypair.generate().publicKey }), ["arbiter"]],
    ["another treasury", (a) => ({ ...a, treasuryOwner: Keypair.generate().publicKey }), ["treasury"]],
  ];
  for (const [what, theirs, fields] of foreign) {
    it(`refuses a config with ${what}, and sends nothing`, async () => {
      // Given a config initialized by another platform
      await bootstrap(theirs(ours));
      const before = await configState();
      const transactions = chain.transactionCount;
      // When this platform bootstraps, it refuses, naming what differs
      await assert.rejects(bootstrap(ours), (e: unknown) => {
        assert.ok(e instanceof ForeignConfigError, String(e));
        assert.deepEqual(
          e.mismatches.map((m) => m.field),
          fields,
        );
        assert.ok(e.config.equals(config()));
        return true;
      });
      // and the chain is as the other platform left it
      assert.equal(chain.transactionCount, transactions);
      assert.deepEqual(await configState(), before);
    });
  }

  it("refuses a config bound to another mint, whose vault is then another too", async () => {
    await bootstrap(ours);
    const otherMint = Keypair.generate().publicKey;
    await assert.rejects(bootstrap(ours, otherMint), (e: unknown) => {
      assert.ok(e instanceof ForeignConfigError, String(e));
      assert.deepEqual(
        e.mismatches.map((m) => m.field),
        ["usdcMint", "vault", "treasury"],
      );
      assert.match(e.message, new RegExp(`usdcMint is ${chain.usdcMint.toBase58()}, expected ${otherMint.toBase58()}`));
      return true;
    });
  });
});
