/** Every account the program owns, read in one getProgramAccounts call and decoded. */
import type { Connection, PublicKey } from "@solana/web3.js";
import type { ProgramAccountDecoder } from "./account-decoder.js";
import type { DecodedProgramAccount } from "./vault-invariant.js";

export interface UndecodableAccount {
  address: string;
  reason: string;
}

export interface ProgramAccounts {
  slot: number;
  accounts: DecodedProgramAccount[];
  undecodable: UndecodableAccount[];
}

export async function readProgramAccounts(
  connection: Connection,
  programId: PublicKey,
  decoder: ProgramAccountDecoder,
): Promise<ProgramAccounts> {
  // No filters: the audit must see every account, including ones of a type it does not know.
  const { context, value } = await connection.getProgramAccounts(programId, { withContext: true, encoding: "base64" });
  const out: ProgramAccounts = { slot: context.slot, accounts: [], undecodable: [] };
  for (const { pubkey, account } of value) {
    const address = pubkey.toBase58();
    const decoded = decoder.decode(account.data);
    if (decoded.ok) out.accounts.push({ address, type: decoded.type, fields: decoded.fields });
    else out.undecodable.push({ address, reason: decoded.reason });
  }
  return out;
}
