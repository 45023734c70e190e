/**
 * Which accounts a transaction names and which it may write, resolved the way the runtime
 * does: static keys first, then addresses loaded from lookup tables (writable, then
 * read-only). Only writable accounts can change, so they are the ones the log images.
 */
import type { LiteSVM } from "litesvm";
import { isWritableIndex, type WireTransaction } from "../wire-transaction.js";
import { keyName, readImage } from "./svm-accounts.js";

export interface MessageAccounts {
  /** All keys in RPC order: static, loaded writable, loaded read-only. */
  keys: string[];
  writable: boolean[];
  loaded: { writable: string[]; readonly: string[] };
}

/** Why a node refuses a transaction whose lookup tables it cannot resolve. */
export type LookupRefusal =
  | "AddressLookupTableNotFound"
  | "InvalidAddressLookupTableData"
  | "InvalidAddressLookupTableIndex";

/** An address lookup table: a 56-byte header (type 1 for a table), then 32-byte addresses. */
const TABLE_HEADER_BYTES = 56;
const TABLE_TYPE = 1;
const KEY_BYTES = 32;

export function messageAccounts(svm: LiteSVM, tx: WireTransaction): MessageAccounts | LookupRefusal {
  const loaded: MessageAccounts["loaded"] = { writable: [], readonly: [] };
  for (const lookup of tx.lookups) {
    const image = readImage(svm, keyName(lookup.tableKey));
    if (!image) return "AddressLookupTableNotFound";
    const { data } = image;
    const size = data.length - TABLE_HEADER_BYTES;
    if (size < 0 || size % KEY_BYTES !== 0 || data.readUInt32LE(0) !== TABLE_TYPE) {
      return "InvalidAddressLookupTableData";
    }
    const addresses = size / KEY_BYTES;
    for (const [indexes, into] of [
      [lookup.writableIndexes, loaded.writable],
      [lookup.readonlyIndexes, loaded.readonly],
    ] as const) {
      for (const index of indexes) {
        if (index >= addresses) return "InvalidAddressLookupTableIndex";
        const start = TABLE_HEADER_BYTES + index * KEY_BYTES;
        into.push(keyName(data.subarray(start, start + KEY_BYTES)));
      }
    }
  }
  const keys = [...tx.staticKeys.map(keyName), ...loaded.writable, ...loaded.readonly];
  return { keys, writable: keys.map((_, i) => isWritableIndex(tx, i)), loaded };
}
