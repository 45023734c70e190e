/** All program accounts at one slot, decoded from the IDL, plus the vault they must add up to. */

import type { AccountTypeSpec } from "@justpay/db";
import type { Chain, VaultState } from "@justpay/sdk";
import { vaultState } from "@justpay/sdk";
import { PublicKey } from "@solana/web3.js";
import type { AccountDecoder, RowValues } from "../decode/account-decoder.js";

export interface ChainAccountState {
  pubkey: string;
  spec: AccountTypeSpec;
  fields: Record<string, unknown>;
  row: RowValues;
}

export type { VaultState };

export interface ChainState {
  slot: number;
  accounts: ChainAccountState[];
  undecodable: { pubkey: string; reason: string }[];
  vault: VaultState | null;
}

export async function readChainState(chain: Chain, programId: PublicKey, decoder: AccountDecoder): Promise<ChainState> {
  const { slot, accounts } = await chain.getProgramAccounts(programId);
  const state: ChainState = { slot, accounts: [], undecodable: [], vault: null };
  for (const a of accounts) {
    const decoded = decoder.decode(a.data);
    const pubkey = a.address.toBase58();
    if (decoded.ok) state.accounts.push({ pubkey, spec: decoded.spec, fields: decoded.fields, row: decoded.row });
    else state.undecodable.push({ pubkey, reason: `${decoded.reason} ${decoded.discriminator}` });
  }
  const config = state.accounts.find((a) => a.spec.name === "Config");
  if (config) state.vault = await readVault(chain, String(config.row.vault));
  return state;
}

async function readVault(chain: Chain, address: string): Promise<VaultState> {
  return vaultState(address, await chain.getAccount(new PublicKey(address)));
}
