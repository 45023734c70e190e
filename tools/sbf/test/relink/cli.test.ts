import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatReport, relink, SOLANA_SYSCALLS } from "../../src/relink";
import { runCli } from "../../src/relink/cli.js";
import { resolveSyscall, syscallHint } from "../../src/relink/syscalls.js";
import { FIXTURES, fixture } from "./helpers.js";

describe("relink: syscall allow-list", () => {
  it("maps __bpf_trap to abort and accepts known syscalls", () => {
    assert.equal(resolveSyscall("__bpf_trap"), "abort");
    assert.equal(resolveSyscall("sol_log_"), "sol_log_");
    assert.equal(resolveSyscall("sol_invoke_signed_c"), "sol_invoke_signed_c");
    assert.ok(SOLANA_SYSCALLS.has("abort"));
  });

  it("rejects other names and suggests fixes", () => {
    assert.equal(resolveSyscall("memcpy"), undefined);
    assert.equal(resolveSyscall("sol_log"), undefined);
    assert.match(syscallHint("memcpy") ?? "", /sol_memcpy_/);
    assert.equal(syscallHint("sol_log"), "did you mean sol_log_?");
    assert.equal(syscallHint("sol_sha256_"), "did you mean sol_sha256?");
    assert.equal(syscallHint("frobnicate"), undefined);
  });
});

describe("relink: CLI", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "relink-cli-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const capture = () => {
    const lines: string[] = [];
    return { lines, io: { stderr: (line: string) => lines.push(line) } };
  };

  it("writes the .so and prints the report to stderr", () => {
    const { lines, io } = capture();
    const out = join(dir, "golden.so");
    assert.equal(runCli([join(FIXTURES, "golden.o"), out], io), 0);
    assert.ok(readFileSync(out).equals(fixture("golden.so")));
    assert.equal(lines.length, 1);
    assert.equal(lines[0], `relink: ${out}: ${formatReport(relink(fixture("golden.o")).report)}`);
    assert.match(lines[0] ?? "", /syscalls \[sol_log_, abort, sol_log_64_\], 6 dynamic relocations/);
  });

  it("exits 1 with the error code and message on a rejected object", () => {
    const { lines, io } = capture();
    assert.equal(runCli([join(FIXTURES, "alu32.o"), join(dir, "x.so")], io), 1);
    assert.match(lines.join("\n"), /error \[ALU32\]: .*-mcpu=v2/);
  });

  it("exits 1 on unreadable input and 2 on bad usage", () => {
    const { lines, io } = capture();
    assert.equal(runCli([join(dir, "missing.o"), join(dir, "x.so")], io), 1);
    assert.match(lines.join("\n"), /ENOENT/);
    assert.equal(runCli([], io), 2);
    assert.match(lines.at(-1) ?? "", /usage/);
  });

  it("runs as a script under tsx", function () {
    this.timeout(30_000);
    const cli = join(__dirname, "../../src/relink/cli.ts");
    const out = join(dir, "golden.so");
    execFileSync(process.execPath, ["--import", "tsx", cli, join(FIXTURES, "golden.o"), out], { stdio: "pipe" });
    assert.ok(readFileSync(out).equals(fixture("golden.so")));
    let status = 0;
    let stderr = "";
    try {
      execFileSync(process.execPath, ["--import", "tsx", cli, join(FIXTURES, "data.o"), join(dir, "data.so")], {
        stdio: "pipe",
      });
    } catch (error) {
      const e = error as { status: number; stderr: Buffer };
      status = e.status;
      stderr = e.stderr.toString();
    }
    assert.equal(status, 1);
    assert.match(stderr, /WRITABLE_DATA/);
  });
});
