/**
 * Account conversions between litesvm (which speaks @solana/kit: base58 `Address` strings,
 * `Uint8Array` data) and the port's web3.js types.
 */
import { type Address, address, lamports } from "@solana/kit";
import { PublicKey } from "@solana/web3.js";
import type { LiteSVM } from "litesvm";
import type { ChainAccount } from "../port.js";

export const kitAddress = (key: PublicKey | string): Address => address(typeof key === "string" ? key : key.toBase58());

/** An account as the log stores it: enough to write it back byte for byte. */
export interface AccountImage {
  lamports: bigint;
  owner: string;
  executable: boolean;
  data: Buffer;
}

/** litesvm's native binding under its kit wrapper: addresses as bytes, no codec per call. */
interface NativeAccount {
  lamports(): bigint;
  data(): Uint8Array;
  owner(): Uint8Array;
  executable(): boolean;
}
interface NativeSvm {
  getAccount(pubkey: Uint8Array): NativeAccount | null;
}

/**
 * Base58 both ways, remembered: a transaction reads each of its accounts two or three times and
 * the same few owners (system, token, the program) come back on every read. Bounded by a reset.
 */
const MAX_REMEMBERED = 100_000;
const keyBytes = new Map<string, Uint8Array>();
const ownerNames = new Map<string, string>();

function remembered<V>(cache: Map<string, V>, key: string, make: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size >= MAX_REMEMBERED) cache.clear();
    value = make();
    cache.set(key, value);
  }
  return value;
}

const bytesOf = (key: string) => remembered(keyBytes, key, () => new PublicKey(key).toBytes());
const nameOf = (owner: Uint8Array) =>
  remembered(ownerNames, Buffer.from(owner.buffer, owner.byteOffset, owner.byteLength).toString("latin1"), () =>
    new PublicKey(owner).toBase58(),
  );

/**
 * Reads an account; null when it does not exist. A closed account (zero lamports) is
 * reported as missing, as the RPC does: the runtime garbage-collects it at the end of the slot.
 */
export function readImage(svm: LiteSVM, key: string): AccountImage | null {
  const a = (svm as unknown as { inner: NativeSvm }).inner.getAccount(bytesOf(key));
  if (a === null) return null;
  const balance = a.lamports();
  if (balance === 0n) return null;
  return { lamports: balance, owner: nameOf(a.owner()), executable: a.executable(), data: Buffer.from(a.data()) };
}

export function writeImage(svm: LiteSVM, key: string, image: AccountImage | null): void {
  // litesvm has no delete; an empty system-owned zero-lamport account reads back as missing.
  const a = image ?? {
    lamports: 0n,
    owner: "11111111111111111111111111111111",
    executable: false,
    data: Buffer.alloc(0),
  };
  svm.setAccount({
    address: address(key),
    lamports: lamports(a.lamports),
    programAddress: address(a.owner),
    executable: a.executable,
    data: new Uint8Array(a.data),
    space: BigInt(a.data.length),
  });
}

export function toChainAccount(key: string | PublicKey, image: AccountImage): ChainAccount {
  return {
    address: typeof key === "string" ? new PublicKey(key) : key,
    lamports: image.lamports,
    owner: new PublicKey(image.owner),
    data: image.data,
    executable: image.executable,
  };
}
