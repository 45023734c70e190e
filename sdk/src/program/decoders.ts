/**
 * Program accounts and events decoded with the IDL's Borsh coder, typed from the IDL:
 * `decodeProgramAccount("job", data)` is a `ProgramAccount<"job">` (u64/i64 as BN, enums as
 * `{ accepted: {} }`). Named apart from `decodeAccount(program, …)` in coder.ts, which the
 * API and the indexer use with a `Program` in hand.
 */
import type { IdlAccounts, IdlEvents } from "@coral-xyz/anchor";
import type { PublicKey } from "@solana/web3.js";
import { decodeAccount, escrowProgram, parseEvents } from "./coder.js";
import type { JustpayEscrow } from "./idl.js";

export type AccountName = keyof IdlAccounts<JustpayEscrow>;
export type ProgramAccount<N extends AccountName> = IdlAccounts<JustpayEscrow>[N];

export type EventName = keyof IdlEvents<JustpayEscrow>;
/** One event, discriminated on `name` (camelCase: "jobCreated"). */
export type ProgramEvent = { [N in EventName]: { name: N; data: IdlEvents<JustpayEscrow>[N] } }[EventName];

export class UnknownAccountError extends Error {
  override name = "UnknownAccountError";
}

/** The account's type, read from its 8-byte discriminator; undefined when it is none of the program's. */
export function accountTypeOf(data: Uint8Array, programId?: PublicKey): AccountName | undefined {
  const head = data.subarray(0, 8);
  const match = escrowProgram(programId).idl.accounts?.find(
    (a) => head.length === 8 && a.discriminator.every((b, i) => b === head[i]),
  );
  return match?.name as AccountName | undefined;
}

/** Decodes `data` as a `type` account; throws when the discriminator says it is another type. */
export function decodeProgramAccount<N extends AccountName>(
  type: N,
  data: Uint8Array,
  programId?: PublicKey,
): ProgramAccount<N> {
  const actual = accountTypeOf(data, programId);
  if (actual !== type) throw new UnknownAccountError(`expected a ${type} account, got ${actual ?? "an unknown one"}`);
  return decodeAccount<ProgramAccount<N>>(escrowProgram(programId), type, data);
}

/** The program's events in a transaction's logs (its "Program data:" lines, in order). */
export function decodeEvents(logs: readonly string[], programId?: PublicKey): ProgramEvent[] {
  return parseEvents(escrowProgram(programId), logs) as ProgramEvent[];
}
