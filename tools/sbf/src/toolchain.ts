/**
 * Locates the Debian toolchain the SBF build needs. Solana's platform-tools are not
 * required: Debian's rustc-web ships a Rust whose LLVM matches llvm-22, whose BPF backend
 * we drive directly.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

export const APT_PACKAGES = ["rustc-web", "rust-web-src", "llvm-22"] as const;

export interface Toolchain {
  rustc: string;
  coreSource: string;
  llvmLink: string;
  opt: string;
  llvmDis: string;
  llvmAs: string;
  llc: string;
  llvmAr: string;
  /** `rustc -vV`, part of the sysroot cache key. */
  rustcVersion: string;
}

export class ToolchainMissingError extends Error {
  constructor(missing: string[]) {
    super(
      `The SBF toolchain is incomplete (missing: ${missing.join(", ")}).\n` +
        `Install it with: sudo apt-get install -y ${APT_PACKAGES.join(" ")}\n` +
        `(Debian 12 bookworm; rustc must be /usr/bin/rustc 1.96, not a rustup toolchain.)`,
    );
  }
}

export interface ToolchainLocation {
  /** Directory holding rustc and the LLVM 22 tools; /usr/bin for the Debian packages. */
  binDir: string;
  /** Directory holding `rustc-<version>/library/core`; /usr/src for rust-web-src. */
  srcDir: string;
}

// rustup's rustc 1.95/1.97 cannot build the 1.96 core source, so the Debian binary is
// called by absolute path regardless of PATH.
export const DEBIAN_TOOLCHAIN: ToolchainLocation = { binDir: "/usr/bin", srcDir: "/usr/src" };

export function findToolchain(at: ToolchainLocation = DEBIAN_TOOLCHAIN): Toolchain {
  const RUSTC = `${at.binDir}/rustc`;
  const LLVM = (tool: string) => `${at.binDir}/${tool}-22`;
  const tools = {
    rustc: RUSTC,
    llvmLink: LLVM("llvm-link"),
    opt: LLVM("opt"),
    llvmDis: LLVM("llvm-dis"),
    llvmAs: LLVM("llvm-as"),
    llc: LLVM("llc"),
    llvmAr: LLVM("llvm-ar"),
  };
  const missing = Object.values(tools).filter((p) => !existsSync(p));
  let rustcVersion = "";
  let coreSource = "";
  if (existsSync(RUSTC)) {
    rustcVersion = execFileSync(RUSTC, ["-vV"], { encoding: "utf8" });
    const release = /^release: (\S+)$/m.exec(rustcVersion)?.[1] ?? "unknown";
    coreSource = `${at.srcDir}/rustc-${release}/library/core/src/lib.rs`;
    if (!existsSync(coreSource)) missing.push(`${coreSource} (rust-web-src)`);
  }
  if (missing.length) throw new ToolchainMissingError(missing);
  return { ...tools, coreSource, rustcVersion };
}
