/**
 * Anchor's `Program`, used offline as an instruction builder, account decoder and event
 * parser. No connection is ever made through it: sending is the caller's business.
 */
import { AnchorProvider, type BorshAccountsCoder, EventParser, Program, Wallet } from "@coral-xyz/anchor";
import { Connection, Keypair, PublicKey } from "@solana/web3.js";
import { IDL, type JustpayEscrow } from "./idl.js";

export const PROGRAM_ID = new PublicKey(IDL.address);

// Never asked to sign: instruction building is local.
const OFFLINE_WALLET = new Wallet(Keypair.generate());

/**
 * Built once per program id: constructing a `Program` converts the whole IDL (camel-casing,
 * coders) and took milliseconds on every instruction built. It is stateless for this use
 * (every `methods` call starts a fresh builder), so one instance serves every caller.
 */
const programs = new Map<string, Program<JustpayEscrow>>();

export function escrowProgram(programId: PublicKey = PROGRAM_ID): Program<JustpayEscrow> {
  const address = programId.toBase58();
  let program = programs.get(address);
  if (!program) {
    // The connection is a placeholder; Program needs one but instruction building is local.
    const provider = new AnchorProvider(new Connection("http://127.0.0.1:1"), OFFLINE_WALLET, {});
    program = new Program<JustpayEscrow>({ ...IDL, address }, provider);
    programs.set(address, program);
  }
  return program;
}

export interface DecodedEvent {
  name: string;
  data: Record<string, unknown>;
}

export function parseEvents(program: Program<JustpayEscrow>, logs: readonly string[]): DecodedEvent[] {
  const parser = new EventParser(program.programId, program.coder);
  return [...parser.parseLogs([...logs])].map((e) => ({ name: e.name, data: e.data as Record<string, unknown> }));
}

export function decodeAccount<T = Record<string, unknown>>(
  program: Program<JustpayEscrow>,
  typeName: string,
  data: Buffer | Uint8Array,
): T {
  return (program.coder.accounts as BorshAccountsCoder).decode(typeName, Buffer.from(data)) as T;
}
