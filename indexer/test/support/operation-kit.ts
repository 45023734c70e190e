/** What every random operation shares: its shape, and reads of decoded chain state to pick inputs from. */

import type { SendOutcome } from "@justpay/sdk";
import { IDL } from "@justpay/sdk";
import type { PublicKey } from "@solana/web3.js";
import { AccountDecoder } from "../../src/decode/account-decoder.js";
import type { LocalAgent, LocalPlatform } from "./local-platform.js";
import type { Rng } from "./random.js";

export interface Operation {
  kind: string;
  /** The program instruction it exercises; null for transactions that do not touch the program. */
  instruction: string | null;
  /** Sends the operation's transactions; null when nothing in the current state fits it. */
  run(p: LocalPlatform, rng: Rng): Promise<SendOutcome | null>;
}

export type Fields = Record<string, unknown>;
export interface ChainRecord {
  address: PublicKey;
  fields: Fields;
}

const decoder = new AccountDecoder(IDL);

export async function accountsOf(p: LocalPlatform, type: string): Promise<ChainRecord[]> {
  const { accounts } = await p.chain.getProgramAccounts(p.chain.programId);
  const out: ChainRecord[] = [];
  for (const a of accounts) {
    const d = decoder.decode(a.data);
    if (d.ok && d.spec.name === type) out.push({ address: a.address, fields: d.fields });
  }
  return out;
}

export const big = (v: unknown) => BigInt(String(v));
export const registered = (p: LocalPlatform) => p.agents.filter((a) => a.registered);
export const agentByWallet = (p: LocalPlatform, wallet: unknown) =>
  p.agents.find((a) => a.wallet.publicKey.toBase58() === String(wallet));

export async function available(p: LocalPlatform, agent: LocalAgent): Promise<bigint> {
  const a = await p.chain.getAccount(agent.ledger);
  const d = a ? decoder.decode(a.data) : null;
  return d?.ok ? big(d.fields.available) : 0n;
}
