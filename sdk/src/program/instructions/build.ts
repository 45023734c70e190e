/**
 * One instruction from the IDL: data from Anchor's instruction coder, account metas in the
 * IDL's order with the IDL's signer and writable flags. Synchronous and offline, unlike
 * Anchor's `methods` builder, so a caller can build a transaction without a connection.
 */
import type { Program } from "@coral-xyz/anchor";
import { PublicKey, TransactionInstruction } from "@solana/web3.js";
import BN from "bn.js";
import type { JustpayEscrow } from "../idl.js";

/** An instruction's camelCase name, as Anchor's coder and `methods` name it. */
export type InstructionName = keyof Program<JustpayEscrow>["methods"];

/** Every account of the instruction without a fixed address, by its camelCase IDL name. */
export type AccountsOf = Record<string, PublicKey>;

export class MissingAccountError extends Error {
  override name = "MissingAccountError";
}

export function buildInstruction(
  program: Program<JustpayEscrow>,
  name: InstructionName,
  args: Record<string, unknown>,
  accounts: AccountsOf,
): TransactionInstruction {
  const ix = program.idl.instructions.find((i) => i.name === name);
  if (!ix) throw new Error(`the IDL has no instruction ${String(name)}`);
  const keys = ix.accounts.map((a) => {
    const account = a as { name: string; address?: string; signer?: boolean; writable?: boolean };
    const pubkey = accounts[account.name] ?? (account.address ? new PublicKey(account.address) : undefined);
    if (!pubkey) throw new MissingAccountError(`${String(name)}: account ${account.name} is missing`);
    return { pubkey, isSigner: account.signer === true, isWritable: account.writable === true };
  });
  const data = program.coder.instruction.encode(name, args);
  return new TransactionInstruction({ programId: program.programId, keys, data });
}

/** u64/i64 arguments as Anchor's Borsh coder wants them. */
export const bn = (n: bigint | number): BN => new BN(n.toString());

/** A 32-byte hash argument (`[u8; 32]`): an output, a reason. */
export type Hash32 = Uint8Array | readonly number[];

export function hash32Arg(hash: Hash32, what: string): number[] {
  if (hash.length !== 32) throw new RangeError(`${what} must be 32 bytes, got ${hash.length}`);
  return [...hash];
}
