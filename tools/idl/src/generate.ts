/** Source → IDL → artifacts, and the drift check used by CI. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Keypair } from "@solana/web3.js";
import { buildIdl } from "./idl.js";
import { renderIdlJson, renderRustConstants, renderTsTypes } from "./outputs.js";
import { readProgramSource } from "./rust-source.js";

export interface Artifact {
  path: string;
  content: string;
}

export function programAddress(root: string): string {
  const secret = JSON.parse(readFileSync(join(root, "target/deploy/justpay_escrow-keypair.json"), "utf8"));
  return Keypair.fromSecretKey(Uint8Array.from(secret)).publicKey.toBase58();
}

export function generateArtifacts(root: string): Artifact[] {
  const crate = join(root, "programs/escrow");
  const cargo = readFileSync(join(crate, "Cargo.toml"), "utf8");
  const version = /^version = "([^"]+)"/m.exec(cargo)?.[1] ?? "0.0.0";
  const description = /^description = "([^"]+)"/m.exec(cargo)?.[1] ?? "";
  const src = readProgramSource(join(crate, "src"));
  const idl = buildIdl(src, { address: programAddress(root), version, description });
  return [
    { path: "target/idl/justpay_escrow.json", content: renderIdlJson(idl) },
    { path: "target/types/justpay_escrow.ts", content: renderTsTypes(idl) },
    { path: "programs/escrow/src/generated.rs", content: renderRustConstants(idl, src.errorEnum) },
  ];
}

/** Paths whose committed content differs from a fresh generation. */
export function driftedArtifacts(root: string): string[] {
  return generateArtifacts(root)
    .filter((a) => {
      try {
        return readFileSync(join(root, a.path), "utf8") !== a.content;
      } catch {
        return true;
      }
    })
    .map((a) => a.path);
}

export function writeArtifacts(root: string): Artifact[] {
  const artifacts = generateArtifacts(root);
  for (const a of artifacts) writeFileSync(join(root, a.path), a.content);
  return artifacts;
}
