/**
 * Account conversions between litesvm (which speaks @solana/kit: base58 `Address` strings,
 * `Uint8Array` data) and the port's web3.js types.
 */
import { type Address, address, lamports } from "@solana/kit";
import { PublicKey } from "@solana/web3.js";
import type { LiteSVM } from "litesvm";
import { encodeBase58 } from "../base58.js";
import type { ChainAccount } from "../port.js";
import { nativeSvm } from "./native-svm.js";

export const kitAddress = (key: PublicKey | string): Address => address(typeof key === "string" ? key : key.toBase58());

/** An account as the log stores it: enough to write it back byte for byte. */
export interface AccountImage {
  lamports: bigint;
  owner: string;
  executable: boolean;
  data: Buffer;
}

/**
 * Base58 both ways, remembered: a transaction reads each of its accounts two or three times and
 * the same few owners (system, token, the program) come back on every read. Bounded by a reset.
 */
const MAX_REMEMBERED = 100_000;
const keyBytes = new Map<string, Uint8Array>();
const keyNames = new Map<string, string>();

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

/**
 * The base58 name of a 32-byte key (an owner, an account a transaction names). The bytes are
 * remembered under the name too, copied: the key may be a view into a whole transaction.
 */
export const keyName = (key: Uint8Array) =>
  remembered(keyNames, Buffer.from(key.buffer, key.byteOffset, key.byteLength).toString("latin1"), () => {
    const name = encodeBase58(key);
    remembered(keyBytes, name, () => key.slice());
    return name;
  });

/**
 * Reads an account; null when it does not exist. A closed account (zero lamports) is
 * reported as missing, as the RPC does: the runtime garbage-collects it at the end of the slot.
 */
export function readImage(svm: LiteSVM, key: string): AccountImage | null {
  const a = nativeSvm(svm).getAccount(bytesOf(key));
  if (a === null) return null;
  const balance = a.lamports();
  if (balance === 0n) return null;
  return { lamports: balance, owner: keyName(a.owner()), executable: a.executable(), data: Buffer.from(a.data()) };
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
