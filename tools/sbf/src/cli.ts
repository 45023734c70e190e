/**
 * `npm run build:program`: regenerate the IDL artifacts, then build
 * target/deploy/justpay_escrow.so.
 * `npm run check:program`: rebuild into a scratch directory and fail if the IDL artifacts
 * or the committed .so differ from a fresh build (the verifiable-build check).
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { driftedArtifacts, writeArtifacts } from "../../idl/src/generate.js";
import { compileProgram } from "./compile.js";
import { RelinkError } from "./relink/index.js";
import { ensureSysroot } from "./sysroot.js";
import { findToolchain, ToolchainMissingError } from "./toolchain.js";

const root = resolve(__dirname, "../../..");
const SO_PATH = "target/deploy/justpay_escrow.so";
const log = (m: string) => console.error(`sbf: ${m}`);
const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

function build(): Buffer {
  const tc = findToolchain();
  const sysroot = ensureSysroot(tc, join(root, "target/sbf-cache"), log);
  const { so, report } = compileProgram(tc, sysroot, {
    crateName: "justpay_escrow",
    entry: join(root, "programs/escrow/src/lib.rs"),
    root,
    workDir: join(root, "target/build"),
  });
  log(
    `text ${report.textBytes} B, rodata ${report.rodataBytes} B, ` +
      `syscalls [${report.syscalls.join(", ")}], ${report.dynamicRelocations} dynamic relocations`,
  );
  return so;
}

function main(): number {
  const command = process.argv[2] ?? "build";
  if (command === "build") {
    writeArtifacts(root);
    const so = build();
    writeFileSync(join(root, SO_PATH), so);
    console.log(`${SO_PATH} ${so.length} bytes sha256 ${sha256(so)}`);
    return 0;
  }
  if (command === "check") {
    const drifted = driftedArtifacts(root);
    if (drifted.length) {
      console.error(`stale generated files: ${drifted.join(", ")}; run \`npm run build:program\` and commit`);
      return 1;
    }
    const fresh = build();
    const committed = existsSync(join(root, SO_PATH)) ? readFileSync(join(root, SO_PATH)) : Buffer.alloc(0);
    if (!fresh.equals(committed)) {
      console.error(`${SO_PATH} differs from a fresh build: committed ${sha256(committed)}, built ${sha256(fresh)}`);
      return 1;
    }
    console.log(`${SO_PATH} matches a fresh build (sha256 ${sha256(fresh)})`);
    return 0;
  }
  console.error("usage: cli.ts build|check");
  return 2;
}

try {
  process.exit(main());
} catch (e) {
  if (e instanceof ToolchainMissingError || e instanceof RelinkError) {
    console.error(`sbf: ${e.message}`);
    process.exit(1);
  }
  throw e;
}
