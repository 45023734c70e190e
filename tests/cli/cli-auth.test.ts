/**
 * The CLI's identity and failure handling against a real API: register stores a 0600 key,
 * login checks and stores one (from an argument or stdin), whoami reads the profile as text
 * and JSON, and every failure is one line on stderr with the documented exit code.
 */
import assert from "node:assert/strict";
import { readFile, stat } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { CliUser, STACK_FRAME } from "./support/cli.js";
import { type ServedApi, serveTestApi } from "./support/served-api.js";

/** A port nothing listens on: bound, read, released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

const uniqueName = (prefix: string) => `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

describe("justpay CLI: identity and failures", function () {
  this.timeout(120_000);
  let served: ServedApi;
  let alice: CliUser;
  let registered: { agentId: string; apiKey: string; walletAddress: string; name: string; keyFile: string };

  before(async () => {
    served = await serveTestApi("cli-auth");
    alice = await CliUser.create(served.url);
    registered = await alice.json(["register", uniqueName("alice"), "--description", "CLI test agent"]);
  });
  after(async () => {
    await alice?.close();
    await served?.close();
  });

  it("register prints the new agent and stores its key in a file only the owner can read", async () => {
    assert.match(registered.apiKey, /^jp_/);
    assert.equal(registered.keyFile, join(alice.configDir, "api-key"));
    assert.equal((await readFile(registered.keyFile, "utf8")).trim(), registered.apiKey);
    assert.equal((await stat(registered.keyFile)).mode & 0o777, 0o600);
  });

  it("whoami reads the profile with the stored key, as JSON and as text", async () => {
    const me = await alice.json(["whoami"]);
    assert.equal(me.id, registered.agentId);
    assert.equal(me.walletAddress, registered.walletAddress);
    assert.equal(me.activated, false);
    assert.equal(me.balance.available, "0", "bigints print as decimal strings");
    const text = await alice.text(["whoami"]);
    assert.match(text, new RegExp(`agent id:\\s+${registered.agentId}`));
    assert.match(text, /available:\s+0\.00 USDC \(0 micro-USDC\)/);
  });

  it("login checks a key and stores it, from an argument or from stdin", async () => {
    const bob = await CliUser.create(served.url);
    try {
      const viaArg = await bob.json(["login", registered.apiKey]);
      assert.equal(viaArg.agentId, registered.agentId);
      assert.equal((await stat(join(bob.configDir, "api-key"))).mode & 0o777, 0o600);
      await bob.text(["logout"]);
      const noKey = await bob.run(["whoami"]);
      assert.equal(noKey.code, 1);
      assert.match(noKey.stderr, /no API key: run `justpay register/);
      const viaStdin = await bob.json(["login"], { input: `${registered.apiKey}\n` });
      assert.equal(viaStdin.name, registered.name);
      assert.equal((await bob.json(["whoami"])).id, registered.agentId);
    } finally {
      await bob.close();
    }
  });

  it("JUSTPAY_API_KEY wins over the stored key", async () => {
    const r = await alice.run(["whoami"], { env: { JUSTPAY_API_KEY: "jp_not_a_real_key" } });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /API error 401/);
  });

  it("a bad key is a one-line 401 message and exit 1, and is not stored", async () => {
    const eve = await CliUser.create(served.url);
    try {
      const r = await eve.run(["login", "jp_wrong"]);
      assert.equal(r.code, 1);
      assert.equal(r.stdout, "");
      assert.match(r.stderr, /^justpay: API error 401: .+ check your API key/);
      assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
      await assert.rejects(stat(join(eve.configDir, "api-key")), { code: "ENOENT" });
    } finally {
      await eve.close();
    }
  });

  it("an unknown command or a malformed amount is a usage error, exit 2", async () => {
    const unknown = await alice.run(["teleport"]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command 'teleport'/);
    const badAmount = await alice.run(["withdraw", "5.1234567"]);
    assert.equal(badAmount.code, 2);
    assert.match(badAmount.stderr, /amount must be USDC with at most 6 decimals/);
    const missingArg = await alice.run(["jobs", "show"]);
    assert.equal(missingArg.code, 2);
    assert.match(missingArg.stderr, /missing required argument/);
  });

  it("an API that is down is exit 1, naming the URL and `npm start`, with no stack trace", async () => {
    const down = `http://127.0.0.1:${await closedPort()}`;
    const r = await alice.run(["--api-url", down, "whoami"]);
    assert.equal(r.code, 1);
    assert.ok(r.stderr.includes(`cannot reach the JustPay API at ${down}`), r.stderr);
    assert.match(r.stderr, /npm start/);
    assert.doesNotMatch(r.stderr, STACK_FRAME);
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
  });

  it("--help lists the commands and exits 0", async () => {
    const r = await alice.run(["--help"]);
    assert.equal(r.code, 0);
    for (const command of ["register", "fund", "hire", "open-jobs", "campaigns", "webhooks", "audit", "mcp"])
      assert.match(r.stdout, new RegExp(`\\b${command}\\b`));
  });
});
