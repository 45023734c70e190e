/**
 * Decoded Borsh values (BN, PublicKey, enum objects, byte arrays) converted to what Postgres
 * stores, and back to one canonical string per value so the audit can compare a row with a
 * chain account field by field without caring which side a value came from.
 */

import type { ColumnKind } from "@justpay/db";
import { encodeBase58 } from "@justpay/sdk";
import BN from "bn.js";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

type PublicKeyLike = { toBase58(): string; toBytes?(): Uint8Array };

function isPublicKeyLike(v: object): v is PublicKeyLike {
  // Duck-typed: several copies of web3.js may be loaded, so instanceof is not reliable.
  return typeof (v as { toBase58?: unknown }).toBase58 === "function";
}

export function keyToBase58(key: PublicKeyLike): string {
  return key.toBytes ? encodeBase58(key.toBytes()) : key.toBase58();
}

/**
 * BN and bigint become decimal strings (exact), keys become base58, bytes become number
 * arrays. `onKey` sees every account key converted, which is how events list their mentions.
 */
export function toJsonValue(value: unknown, onKey?: (key: string) => void): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (BN.isBN(value)) return value.toString();
  if (value instanceof Uint8Array) return Array.from(value);
  if (Array.isArray(value)) return value.map((v) => toJsonValue(v, onKey));
  if (typeof value === "object") {
    if (isPublicKeyLike(value)) {
      const key = keyToBase58(value);
      onKey?.(key);
      return key;
    }
    const out: { [key: string]: JsonValue } = {};
    for (const [k, v] of Object.entries(value)) out[k] = toJsonValue(v, onKey);
    return out;
  }
  throw new Error(`cannot store a value of type ${typeof value}`);
}

function enumVariant(value: unknown): string {
  if (typeof value === "string") return value;
  const keys = value && typeof value === "object" ? Object.keys(value) : [];
  if (keys.length !== 1) throw new Error(`not a unit enum value: ${JSON.stringify(toJsonValue(value))}`);
  return keys[0] as string;
}

/** The value written into a column of the given kind. Numbers wider than 2^53 stay strings. */
export function toColumnValue(kind: ColumnKind, value: unknown): JsonValue {
  switch (kind) {
    case "bigint":
    case "numeric":
      // Always a decimal string: u32 decodes as a JS number, wider integers as BN.
      return String(toJsonValue(value));
    case "int":
    case "float":
      return Number(value);
    case "bool":
      return Boolean(value);
    case "bytes":
      // bytea's text input format, which jsonb_to_recordset applies to the JSON string.
      return `\\x${Buffer.from(value as Uint8Array | number[]).toString("hex")}`;
    case "enum":
      return enumVariant(value);
    case "pubkey":
      // The hottest conversion of catch-up: straight to base58, skipping the generic walk.
      return value && typeof value === "object" && isPublicKeyLike(value) ? keyToBase58(value) : toJsonValue(value);
    case "text":
    case "json":
      return toJsonValue(value);
  }
}

/** JSON with sorted keys, so jsonb (which reorders keys) and decoded objects compare equal. */
export function stableStringify(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (value && typeof value === "object") {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(value[k] as JsonValue)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * One string per value, equal for a column value and the same value read back from Postgres
 * (node-postgres returns int8 and numeric as strings, jsonb as parsed objects, timestamps as Dates).
 */
export function canonical(kind: ColumnKind, value: unknown): string {
  if (value === null || value === undefined) return "null";
  switch (kind) {
    case "bigint":
    case "numeric":
      return BigInt(String(value)).toString();
    case "int":
    case "float":
      return String(Number(value));
    case "bool":
      return String(Boolean(value));
    case "json":
      return stableStringify(toJsonValue(value));
    case "bytes":
      // node-postgres returns bytea as a Buffer; column values are "\\x<hex>" strings.
      return Buffer.isBuffer(value) ? value.toString("hex") : String(value).replace(/^\\x/, "");
    default:
      return String(value);
  }
}
