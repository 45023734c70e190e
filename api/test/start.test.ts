import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(__dirname, "../..");

function start(dataDir: string): string {
  return execFileSync("npx", ["tsx", "api/src/start.ts"], {
    cwd: root,
    env: { ...process.env, JUSTPAY_DATA_DIR: dataDir, JUSTPAY_EXIT_AFTER_START: "1" },
    encoding: "utf8",
  });
}

describe("npm start (embedded defaults)", function () {
  this.timeout(60_000);

  it("opens the local chain, initializes the platform once, and keeps it across restarts", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "justpay-start-"));
    const first = start(dataDir);
    assert.match(first, /chain\s+LocalChain \(litesvm\) .* created/);
    assert.match(first, /config\s+\w{32,44} \(initialized now\)/);
    const config = /config\s+(\w{32,44})/.exec(first)?.[1];
    const mint = /USDC mint\s+(\w{32,44})/.exec(first)?.[1];

    const second = start(dataDir);
    assert.match(second, /reopened/);
    assert.doesNotMatch(second, /initialized now/);
    assert.equal(/config\s+(\w{32,44})/.exec(second)?.[1], config);
    assert.equal(/USDC mint\s+(\w{32,44})/.exec(second)?.[1], mint);
  });
});
