import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROGRAM_ID } from "@justpay/sdk";
import { Keypair } from "@solana/web3.js";
import { ConfigError, loadConfig } from "../src/config/config.js";
import { resolveSecrets } from "../src/runtime/local-secrets.js";
import { parseRole, requireSharedServices } from "../src/runtime/roles.js";

describe("configuration", () => {
  it("defaults to local mode on 127.0.0.1:3000 with data in ./.justpay", () => {
    const config = loadConfig({}, "/srv/app");
    assert.equal(config.host, "127.0.0.1");
    assert.equal(config.port, 3000);
    assert.equal(config.dataDir, "/srv/app/.justpay");
    assert.equal(config.localMode, true);
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.redisUrl, undefined);
  });

  it("switches to a cluster with SOLANA_RPC_URL or a Helius key", () => {
    assert.equal(loadConfig({ SOLANA_RPC_URL: "https://api.devnet.solana.com" }).localMode, false);
    assert.equal(loadConfig({ HELIUS_API_KEY: "k" }).localMode, false);
    assert.equal(loadConfig({ SOLANA_RPC_URL: "" }).localMode, true, "an empty variable counts as unset");
  });

  it("publishes the pages at JUSTPAY_PUBLIC_BASE_URL, by default http://localhost:<PORT>", () => {
    assert.equal(loadConfig({}).publicBaseUrl, "http://localhost:3000");
    assert.equal(loadConfig({ PORT: "8080" }).publicBaseUrl, "http://localhost:8080");
    assert.equal(
      loadConfig({ JUSTPAY_PUBLIC_BASE_URL: "https://justpay.example/" }).publicBaseUrl,
      "https://justpay.example",
      "without the trailing slash, so paths join cleanly",
    );
    assert.throws(
      () => loadConfig({ JUSTPAY_PUBLIC_BASE_URL: "ftp://justpay.example" }),
      /JUSTPAY_PUBLIC_BASE_URL: must be an http\(s\) URL/,
    );
  });

  it("addresses the program at JUSTPAY_PROGRAM_ID, by default the declared id", () => {
    assert.ok(loadConfig({}).programId.equals(PROGRAM_ID));
    assert.ok(loadConfig({ JUSTPAY_PROGRAM_ID: "" }).programId.equals(PROGRAM_ID), "an empty variable counts as unset");
    const deployed = Keypair.generate().publicKey;
    assert.ok(loadConfig({ JUSTPAY_PROGRAM_ID: ` ${deployed.toBase58()} ` }).programId.equals(deployed));
    for (const bad of ["not-an-address", "0OIl", deployed.toBase58().slice(0, 20)]) {
      assert.throws(
        () => loadConfig({ JUSTPAY_PROGRAM_ID: bad }),
        (e: Error) => e instanceof ConfigError && /JUSTPAY_PROGRAM_ID: must be a base58 Solana address/.test(e.message),
        bad,
      );
    }
  });

  it("names every invalid variable", () => {
    assert.throws(
      () => loadConfig({ PORT: "http", DATABASE_URL: "not a url", JUSTPAY_ADMIN_KEY: "short" }),
      (e: Error) =>
        e instanceof ConfigError &&
        /PORT: Expected number, received NaN/.test(e.message) &&
        /DATABASE_URL: Invalid url/.test(e.message) &&
        /JUSTPAY_ADMIN_KEY: must be at least 16 characters/.test(e.message),
    );
  });

  it("refuses to start in production without JUSTPAY_MASTER_KEY, saying what to do", () => {
    assert.throws(
      () => loadConfig({ NODE_ENV: "production" }),
      (e: Error) => e instanceof ConfigError && /NODE_ENV=production requires JUSTPAY_MASTER_KEY/.test(e.message),
    );
    assert.equal(loadConfig({ NODE_ENV: "production", JUSTPAY_MASTER_KEY: "k".repeat(44) }).masterKey, "k".repeat(44));
  });

  describe("generated secrets", () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), "justpay-secrets-"));
    });
    afterEach(async () => rm(dir, { recursive: true, force: true }));

    it("creates the admin key and the master key once, mode 0600, and keeps them", async () => {
      // Given local mode with neither key configured
      const config = loadConfig({ JUSTPAY_DATA_DIR: join(dir, "data") });
      // When the secrets are resolved twice (two starts)
      const first = await resolveSecrets(config);
      const second = await resolveSecrets(config);
      // Then both keys were generated into the data dir, private, and are the same the second time
      assert.match(first.config.adminKey ?? "", /^jpadmin_[\w-]{32}$/);
      assert.equal(Buffer.from(first.config.masterKey ?? "", "base64").length, 32);
      assert.equal(second.config.adminKey, first.config.adminKey);
      assert.equal(second.config.masterKey, first.config.masterKey);
      for (const file of [first.adminKeyFile!, first.masterKeyFile!]) {
        assert.equal((await stat(file)).mode & 0o777, 0o600, file);
      }
      assert.equal((await readFile(first.masterKeyFile!, "utf8")).trim(), first.config.masterKey);
    });

    it("uses the configured keys and writes nothing for them", async () => {
      const config = loadConfig({
        JUSTPAY_DATA_DIR: dir,
        JUSTPAY_ADMIN_KEY: "admin-from-the-environment",
        JUSTPAY_MASTER_KEY: "master-from-the-environment",
      });
      const resolved = await resolveSecrets(config);
      assert.equal(resolved.config.adminKey, "admin-from-the-environment");
      assert.equal(resolved.config.masterKey, "master-from-the-environment");
      assert.equal(resolved.adminKeyFile, undefined);
      assert.equal(resolved.masterKeyFile, undefined);
    });

    it("generates no admin key on a cluster: admin routes then refuse everyone", async () => {
      const config = loadConfig({ JUSTPAY_DATA_DIR: dir, SOLANA_RPC_URL: "https://api.devnet.solana.com" });
      assert.equal((await resolveSecrets(config)).config.adminKey, undefined);
    });
  });

  describe("roles", () => {
    it("reads --role, defaulting to everything in one process", () => {
      assert.equal(parseRole([]), "all");
      assert.equal(parseRole(["--role=indexer"]), "indexer");
      assert.throws(() => parseRole(["--role=web"]), /unknown role "web": use one of all, api, indexer, worker/);
    });

    it("lets separate roles run only on shared services, and says which are missing", () => {
      assert.throws(
        () => requireSharedServices(loadConfig({ REDIS_URL: "redis://127.0.0.1:6379" }), "api"),
        /the api role runs beside other processes, so it needs shared services: set DATABASE_URL, SOLANA_RPC_URL \(or HELIUS_API_KEY\)/,
      );
      requireSharedServices(loadConfig({}), "all");
      requireSharedServices(
        loadConfig({
          DATABASE_URL: "postgresql://127.0.0.1/x",
          REDIS_URL: "redis://127.0.0.1:6379",
          HELIUS_API_KEY: "k",
        }),
        "worker",
      );
    });
  });
});
