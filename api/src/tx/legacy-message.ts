/**
 * Compiles an intent's instructions into a legacy transaction message, straight from the
 * stored JSON form (base58 names, base64 data) to the wire bytes the signers sign.
 *
 * web3.js's `Transaction.compileMessage` builds PublicKey objects, re-encodes names on every
 * comparison and creates a collator per sort comparison; it was the largest part of signing
 * an outbox transaction. This compiler orders the accounts by web3.js's exact rules, so a
 * message is byte for byte the one web3.js would compile (the tests compare the two):
 * - the fee payer first, as a writable signer;
 * - then signers before non-signers, writable before read-only;
 * - ties by base58 name under the "en" collation web3.js uses;
 * - program ids join as read-only non-signers.
 */
import { PublicKey } from "@solana/web3.js";
import type { SerializedInstruction } from "./serialized-instruction.js";

export interface CompiledMessage {
  /** The message bytes the signatures cover. */
  bytes: Buffer;
  /** The keys that must sign, in the order their signatures go on the wire. */
  signers: string[];
}

interface AccountFlags {
  name: string;
  isSigner: boolean;
  isWritable: boolean;
}

// The options web3.js passes to localeCompare: the same collation, built once.
const byName = new Intl.Collator("en", {
  localeMatcher: "best fit",
  usage: "sort",
  sensitivity: "variant",
  ignorePunctuation: false,
  numeric: false,
  caseFirst: "lower",
}).compare;

function accountOrder(x: AccountFlags, y: AccountFlags): number {
  if (x.isSigner !== y.isSigner) return x.isSigner ? -1 : 1;
  if (x.isWritable !== y.isWritable) return x.isWritable ? -1 : 1;
  return byName(x.name, y.name);
}

/** Base58 names decoded once: the platform's few keys sign nearly every transaction. Bounded by a reset. */
const MAX_REMEMBERED_KEYS = 50_000;
const keyBytes = new Map<string, Buffer>();

function bytesOf(name: string): Buffer {
  let bytes = keyBytes.get(name);
  if (!bytes) {
    if (keyBytes.size >= MAX_REMEMBERED_KEYS) keyBytes.clear();
    bytes = new PublicKey(name).toBuffer();
    keyBytes.set(name, bytes);
  }
  return bytes;
}

/** Solana's compact-u16 length prefix. */
export function shortVec(n: number): number[] {
  const out: number[] = [];
  let rest = n;
  for (;;) {
    const low = rest & 0x7f;
    rest >>= 7;
    if (rest === 0) {
      out.push(low);
      return out;
    }
    out.push(low | 0x80);
  }
}

function orderedAccounts(feePayer: string, instructions: SerializedInstruction[]): AccountFlags[] {
  const unique = new Map<string, AccountFlags>();
  const add = (name: string, isSigner: boolean, isWritable: boolean) => {
    const known = unique.get(name);
    if (known) {
      known.isSigner ||= isSigner;
      known.isWritable ||= isWritable;
    } else unique.set(name, { name, isSigner, isWritable });
  };
  for (const ix of instructions) for (const k of ix.keys) add(k.pubkey, k.isSigner, k.isWritable);
  for (const ix of instructions) add(ix.programId, false, false);
  // The comparison is a total order over distinct names, so where the payer sat cannot matter.
  unique.delete(feePayer);
  return [{ name: feePayer, isSigner: true, isWritable: true }, ...[...unique.values()].sort(accountOrder)];
}

export function compileLegacyMessage(
  feePayer: string,
  recentBlockhash: string,
  instructions: SerializedInstruction[],
): CompiledMessage {
  // Signers sort first, so the order is already the wire's: signed keys, then the rest.
  const keys = orderedAccounts(feePayer, instructions);
  const index = new Map(keys.map((k, i) => [k.name, i]));
  const signers = keys.filter((k) => k.isSigner);
  const header = [
    signers.length,
    signers.filter((k) => !k.isWritable).length,
    keys.filter((k) => !k.isSigner && !k.isWritable).length,
  ];
  const parts: Buffer[] = [Buffer.from([...header, ...shortVec(keys.length)])];
  for (const k of keys) parts.push(bytesOf(k.name));
  parts.push(bytesOf(recentBlockhash));
  parts.push(Buffer.from(shortVec(instructions.length)));
  for (const ix of instructions) {
    const data = Buffer.from(ix.data, "base64");
    const accountIndexes = ix.keys.map((k) => index.get(k.pubkey)!);
    parts.push(
      Buffer.from([
        index.get(ix.programId)!,
        ...shortVec(accountIndexes.length),
        ...accountIndexes,
        ...shortVec(data.length),
      ]),
      data,
    );
  }
  return { bytes: Buffer.concat(parts), signers: signers.map((k) => k.name) };
}

/** The wire form: the signatures, in the message's signer order, then the message. */
export function signedWire(message: CompiledMessage, signatures: Uint8Array[]): Buffer {
  return Buffer.concat([Buffer.from(shortVec(signatures.length)), ...signatures, message.bytes]);
}
