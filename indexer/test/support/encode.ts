/** Program accounts and event logs fabricated with the same Anchor coder the decoder uses. */
import { BorshCoder } from "@coral-xyz/anchor";
import type { Idl } from "@justpay/db";
import { IDL } from "@justpay/sdk";
import { Keypair, type PublicKey } from "@solana/web3.js";
import BN from "bn.js";

const DEFAULT_CODER = new BorshCoder(IDL as Idl);
export const coder = (idl: Idl = IDL) => (idl === IDL ? DEFAULT_CODER : new BorshCoder(idl));

export async function encodeAccount(name: string, fields: Record<string, unknown>, idl: Idl = IDL): Promise<Buffer> {
  return coder(idl).accounts.encode(name, fields);
}

export function agentFields(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const wallet = Keypair.generate().publicKey;
  return {
    wallet,
    emergency_address: wallet,
    withdrawal_address: Keypair.generate().publicKey,
    available: new BN(1_000_000),
    total_deposited: new BN(2_000_000),
    total_withdrawn: new BN(0),
    cooldown_until: new BN(0),
    activated: 1,
    bump: 254,
    reserved: [0, 0, 0, 0, 0, 0],
    ...overrides,
  };
}

/** The log lines a successful top-level invocation emitting `events` would leave. */
export function programLogs(
  programId: PublicKey,
  events: { name: string; data: Record<string, unknown> }[],
  idl: Idl = IDL,
): string[] {
  const c = coder(idl);
  const lines = [`Program ${programId.toBase58()} invoke [1]`];
  for (const e of events) {
    const def = idl.events?.find((x) => x.name === e.name);
    if (!def) throw new Error(`no event ${e.name} in the IDL`);
    const body = c.types.encode(e.name, e.data);
    lines.push(`Program data: ${Buffer.concat([Buffer.from(def.discriminator), body]).toString("base64")}`);
  }
  lines.push(
    `Program ${programId.toBase58()} consumed 1000 of 200000 compute units`,
    `Program ${programId.toBase58()} success`,
  );
  return lines;
}
