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

/**
 * Reads an account; null when it does not exist. A closed account (zero lamports) is
 * reported as missing, as the RPC does: the runtime garbage-collects it at the end of the slot.
 */
export function readImage(svm: LiteSVM, key: string): AccountImage | null {
  const a = svm.getAccount(address(key));
  if (!a.exists || a.lamports === 0n) return null;
  return { lamports: a.lamports, owner: a.programAddress, executable: a.executable, data: Buffer.from(a.data) };
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
