import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadMasterKey, MasterKeyError } from "../../src/custody/master-key.js";

describe("custody: the master key", () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), "justpay-master-key-"));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const local = (env: Record<string, string> = {}) => loadMasterKey({ env, dataDir, production: false });

  it("comes from JUSTPAY_MASTER_KEY as hex or base64, in any mode", async () => {
    const key = randomBytes(32);
    for (const text of [key.toString("hex"), key.toString("base64"), key.toString("base64url")]) {
      // Given the key in the environment
      const env = { JUSTPAY_MASTER_KEY: text };
      // Then local and production modes both use it, and write nothing to disk
      assert.deepEqual((await local(env)).key, key);
      const prod = await loadMasterKey({ env, dataDir, production: true });
      assert.deepEqual(prod, { key, origin: "env" });
    }
    assert.throws(() => statSync(join(dataDir, "master.key")), /ENOENT/);
  });

  it("refuses a JUSTPAY_MASTER_KEY that is not 32 bytes, without echoing it", async () => {
    for (const bad of ["abcd", randomBytes(16).toString("hex"), randomBytes(33).toString("base64"), "z".repeat(64)]) {
      await assert.rejects(local({ JUSTPAY_MASTER_KEY: bad }), (e: Error) => {
        assert.ok(e instanceof MasterKeyError);
        assert.match(e.message, /JUSTPAY_MASTER_KEY must be 32 bytes written as 64 hex characters or 44 base64/);
        assert.ok(!e.message.includes(bad));
        return true;
      });
    }
  });

  it("is refused in production when not configured, and no key file is created", async () => {
    await assert.rejects(
      loadMasterKey({ env: {}, dataDir, production: true }),
      /JUSTPAY_MASTER_KEY is required in production/,
    );
    assert.throws(() => statSync(join(dataDir, "master.key")), /ENOENT/);
  });

  it("is generated in local mode into <dataDir>/master.key with mode 0600, and reused after a restart", async () => {
    // Given an empty data dir (in a folder that does not exist yet)
    dataDir = join(dataDir, "nested", "data");
    // When the server starts twice
    const first = await local();
    const second = await local();
    // Then the first start generates the key and the second reads the same one
    assert.equal(first.origin, "generated");
    assert.equal(second.origin, "file");
    assert.equal(first.key.length, 32);
    assert.deepEqual(second.key, first.key);
    const path = join(dataDir, "master.key");
    assert.equal(first.path, path);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.equal(readFileSync(path, "utf8").trim(), first.key.toString("hex"));
  });

  it("is created once when several processes start together", async () => {
    const keys = await Promise.all(Array.from({ length: 8 }, () => local()));
    assert.equal(keys.filter((k) => k.origin === "generated").length, 1);
    for (const k of keys) assert.deepEqual(k.key, keys[0]!.key);
  });

  it("refuses a key file other users can read, or one that does not hold 32 bytes", async () => {
    const path = join(dataDir, "master.key");
    writeFileSync(path, randomBytes(32).toString("hex"), { mode: 0o644 });
    chmodSync(path, 0o644);
    await assert.rejects(local(), /readable by other users \(mode 644\); run `chmod 600/);
    writeFileSync(path, "not a key");
    chmodSync(path, 0o600);
    await assert.rejects(local(), /master\.key must be 32 bytes/);
  });
});
