/**
 * Program crate → SBPF v0 shared object:
 * rustc (bitcode) → llvm-link with core → opt (internalize, O2) → inline memcpy/memset →
 * llc (BPF v2 object) → relink (ET_REL → SBPF v0 ET_DYN).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { LLC_FLAGS, OPT_FLAGS, RUSTC_ENV, RUSTC_FLAGS } from "./flags.js";
import { type RelinkReport, relink } from "./relink/index.js";
import { run } from "./run.js";
import type { Sysroot } from "./sysroot.js";
import type { Toolchain } from "./toolchain.js";

export interface CompileInput {
  crateName: string;
  /** Crate root, e.g. programs/escrow/src/lib.rs. */
  entry: string;
  /** Repository root; source paths are recorded relative to it. */
  root: string;
  workDir: string;
}

/**
 * Upstream LLVM's BPF backend cannot emit memcpy/memset library calls. Their `.inline`
 * variants are expanded by the backend itself: load/store loops for variable lengths,
 * straight-line code for constant ones.
 */
export function inlineMemIntrinsics(ir: string): string {
  return ir
    .replaceAll("@llvm.memcpy.p0.p0.i64(", "@llvm.memcpy.inline.p0.p0.i64(")
    .replaceAll("@llvm.memset.p0.i64(", "@llvm.memset.inline.p0.i64(");
}

export function compileProgram(
  tc: Toolchain,
  sysroot: Sysroot,
  input: CompileInput,
): { so: Buffer; object: Buffer; report: RelinkReport } {
  mkdirSync(input.workDir, { recursive: true });
  const at = (ext: string) => join(input.workDir, `${input.crateName}.${ext}`);
  run(
    tc.rustc,
    [
      ...RUSTC_FLAGS,
      `--remap-path-prefix=${input.root}=.`,
      `-L${sysroot.dir}`,
      "--crate-type=lib",
      `--crate-name=${input.crateName}`,
      "--emit=llvm-bc",
      input.entry,
      "-o",
      at("bc"),
    ],
    RUSTC_ENV,
  );
  run(tc.llvmLink, [at("bc"), sysroot.coreBitcode, "-o", at("linked.bc")]);
  run(tc.opt, [...OPT_FLAGS, at("linked.bc"), "-o", at("opt.bc")]);
  const ir = run(tc.llvmDis, [at("opt.bc"), "-o", "-"]);
  writeFileSync(at("inline.ll"), inlineMemIntrinsics(ir));
  run(tc.llvmAs, [at("inline.ll"), "-o", at("inline.bc")]);
  run(tc.llc, [...LLC_FLAGS, at("inline.bc"), "-o", at("o")]);
  const object = readFileSync(at("o"));
  const { so, report } = relink(object);
  return { so, object, report };
}
