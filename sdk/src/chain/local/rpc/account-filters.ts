/**
 * getProgramAccounts filters as a node applies them: every filter must match. `dataSize` is
 * the exact data length; `memcmp` compares `bytes` (base58 unless `encoding` says base64) at
 * `offset`. Anchor clients use both, a discriminator memcmp at offset 0 above all.
 */
import { getBase58Encoder } from "@solana/kit";
import { RpcError } from "./rpc-error.js";

type Filter = { dataSize?: number; memcmp?: { offset: number; bytes: string; encoding?: "base58" | "base64" } };

const base58 = getBase58Encoder();

function bytesOf(memcmp: NonNullable<Filter["memcmp"]>): Uint8Array {
  if (memcmp.encoding === "base64") return Buffer.from(memcmp.bytes, "base64");
  return new Uint8Array(base58.encode(memcmp.bytes));
}

/** A predicate over account data, or a -32602 for a filter this node does not know. */
export function accountFilter(filters: unknown): (data: Uint8Array) => boolean {
  if (filters === undefined) return () => true;
  if (!Array.isArray(filters)) throw new RpcError(-32602, "filters must be an array");
  const tests = (filters as Filter[]).map((f) => {
    if (typeof f.dataSize === "number") {
      const size = f.dataSize;
      return (data: Uint8Array) => data.length === size;
    }
    if (f.memcmp && typeof f.memcmp.offset === "number" && typeof f.memcmp.bytes === "string") {
      const { offset } = f.memcmp;
      const want = bytesOf(f.memcmp);
      return (data: Uint8Array) => data.length >= offset + want.length && want.every((b, i) => data[offset + i] === b);
    }
    throw new RpcError(-32602, `unsupported filter ${JSON.stringify(f)}: dataSize and memcmp only`);
  });
  return (data) => tests.every((t) => t(data));
}
