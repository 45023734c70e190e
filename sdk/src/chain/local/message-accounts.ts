/**
 * Which accounts a transaction names and which it may write, resolved the way the runtime
 * does: static keys first, then addresses loaded from lookup tables (writable, then
 * read-only). Only writable accounts can change, so they are the ones the log images.
 */
import { AddressLookupTableAccount, type PublicKey, type VersionedMessage } from "@solana/web3.js";
import type { LiteSVM } from "litesvm";
import { readImage } from "./svm-accounts.js";

export interface MessageAccounts {
  /** All keys in RPC order: static, loaded writable, loaded read-only. */
  keys: string[];
  writable: boolean[];
  loaded: { writable: string[]; readonly: string[] };
}

/** Returns null when a lookup table the message uses does not exist. */
export function messageAccounts(svm: LiteSVM, message: VersionedMessage): MessageAccounts | null {
  const tables: AddressLookupTableAccount[] = [];
  for (const lookup of message.addressTableLookups) {
    const image = readImage(svm, lookup.accountKey.toBase58());
    if (!image) return null;
    tables.push(
      new AddressLookupTableAccount({
        key: lookup.accountKey,
        state: AddressLookupTableAccount.deserialize(image.data),
      }),
    );
  }
  const resolved = message.getAccountKeys({ addressLookupTableAccounts: tables });
  const keys = resolved.keySegments().flat();
  const b58 = (k: PublicKey) => k.toBase58();
  return {
    keys: keys.map(b58),
    writable: keys.map((_, i) => message.isAccountWritable(i)),
    loaded: {
      writable: (resolved.accountKeysFromLookups?.writable ?? []).map(b58),
      readonly: (resolved.accountKeysFromLookups?.readonly ?? []).map(b58),
    },
  };
}
