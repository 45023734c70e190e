import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { compileProgram, inlineMemIntrinsics } from "../src/compile.js";
import { ensureSysroot } from "../src/sysroot.js";
import { findToolchain } from "../src/toolchain.js";

const root = resolve(__dirname, "../../..");
const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

describe("SBF program build", function () {
  // Building core the first time takes ~20 s on a cold cache; each program build ~5 s.
  this.timeout(240_000);

  it("rewrites memcpy/memset intrinsics to their inline forms only", () => {
    const ir = [
      "call void @llvm.memcpy.p0.p0.i64(ptr %a, ptr %b, i64 %n, i1 false)",
      "call void @llvm.memset.p0.i64(ptr %a, i8 0, i64 32, i1 false)",
      "call void @llvm.memmove.p0.p0.i64(ptr %a, ptr %b, i64 %n, i1 false)",
    ].join("\n");
    const out = inlineMemIntrinsics(ir).split("\n");
    assert.match(out[0]!, /@llvm\.memcpy\.inline\.p0\.p0\.i64\(/);
    assert.match(out[1]!, /@llvm\.memset\.inline\.p0\.i64\(/);
    assert.equal(out[2], ir.split("\n")[2]);
  });

  it("is deterministic and reproduces the committed target/deploy/justpay_escrow.so", () => {
    const tc = findToolchain();
    const sysroot = ensureSysroot(tc, join(root, "target/sbf-cache"), () => {});
    const build = () =>
      compileProgram(tc, sysroot, {
        crateName: "justpay_escrow",
        entry: join(root, "programs/escrow/src/lib.rs"),
        root,
        workDir: mkdtempSync(join(tmpdir(), "sbf-build-")),
      }).so;
    const first = build();
    const second = build();
    assert.equal(sha256(first), sha256(second), "two builds differ");
    const committed = readFileSync(join(root, "target/deploy/justpay_escrow.so"));
    assert.equal(sha256(first), sha256(committed), "committed .so is stale: run `npm run build:program` and commit");
  });
});
