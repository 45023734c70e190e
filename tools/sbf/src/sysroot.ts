/**
 * Builds `core` (and the empty `compiler_builtins`) for bpfel-unknown-none once per
 * toolchain and flag set, caching the LLVM bitcode of core under target/sbf-cache.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { RUSTC_ENV, RUSTC_FLAGS } from "./flags.js";
import { run } from "./run.js";
import type { Toolchain } from "./toolchain.js";

export interface Sysroot {
  dir: string;
  /** core's bitcode, linked into the program. */
  coreBitcode: string;
}

const STUB = join(__dirname, "../rust/compiler_builtins.rs");

export function sysrootKey(tc: Toolchain): string {
  return createHash("sha256")
    .update(tc.rustcVersion)
    .update(RUSTC_FLAGS.join(" "))
    .update(readFileSync(STUB))
    .digest("hex")
    .slice(0, 16);
}

export function ensureSysroot(tc: Toolchain, cacheDir: string, log: (m: string) => void): Sysroot {
  const dir = join(cacheDir, `sysroot-${sysrootKey(tc)}`);
  const coreBitcode = join(dir, "core.bc");
  if (existsSync(coreBitcode)) return { dir, coreBitcode };

  log("building core for bpfel-unknown-none (once per toolchain; ~1 min)…");
  const tmp = `${dir}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const common = [...RUSTC_FLAGS, "-Zforce-unstable-if-unmarked", "--crate-type=rlib", `--out-dir=${tmp}`];
  run(tc.rustc, [...common, "--crate-name=core", tc.coreSource], RUSTC_ENV);
  run(tc.rustc, [...common, `-L${tmp}`, "-Ainternal_features", "--crate-name=compiler_builtins", STUB], RUSTC_ENV);
  // For this target the rlib members are LLVM bitcode; pull core's out for llvm-link.
  run(tc.llvmAr, ["x", "libcore.rlib"], {}, tmp);
  const member = readdirSync(tmp).find((f) => /^core\..*\.rcgu\.o$/.test(f));
  if (!member) throw new Error(`no bitcode member found in ${tmp}/libcore.rlib`);
  renameSync(join(tmp, member), join(tmp, "core.bc"));
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return { dir, coreBitcode };
}
