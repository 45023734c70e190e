import { createHash } from "node:crypto";

/** Anchor's 8-byte discriminator: the first bytes of sha256("<namespace>:<name>"). */
export function discriminator(namespace: "global" | "account" | "event", name: string): number[] {
  return [...createHash("sha256").update(`${namespace}:${name}`).digest().subarray(0, 8)];
}
