/** web3.js RPC responses in the port's shapes. */
import type {
  AccountInfo,
  ConfirmedSignatureInfo,
  PublicKey,
  SignatureStatus as RpcSignatureStatus,
  VersionedTransactionResponse,
} from "@solana/web3.js";
import type { ChainAccount, Commitment, SignatureInfo, SignatureStatus, TransactionRecord } from "../port.js";
import { formatTransactionError } from "../tx-error.js";

export function toChainAccount(address: PublicKey, info: AccountInfo<Buffer>): ChainAccount {
  return {
    address,
    lamports: BigInt(info.lamports),
    owner: info.owner,
    data: info.data,
    executable: info.executable,
  };
}

export function toSignatureInfo(s: ConfirmedSignatureInfo): SignatureInfo {
  return { signature: s.signature, slot: s.slot, err: formatTransactionError(s.err), blockTime: s.blockTime ?? null };
}

/** A status without a confirmation level comes from a node that only reports finalized ones. */
export function confirmationOf(s: RpcSignatureStatus): Commitment {
  return s.confirmationStatus ?? (s.confirmations === null ? "finalized" : "processed");
}

const RANK: Record<Commitment, number> = { processed: 0, confirmed: 1, finalized: 2 };

export const reached = (s: RpcSignatureStatus, wanted: Commitment) => RANK[confirmationOf(s)] >= RANK[wanted];

export function toSignatureStatus(s: RpcSignatureStatus): SignatureStatus {
  return { slot: s.slot, confirmationStatus: confirmationOf(s), err: formatTransactionError(s.err) };
}

export function toTransactionRecord(signature: string, r: VersionedTransactionResponse): TransactionRecord {
  const keys = r.transaction.message.getAccountKeys({ accountKeysFromLookups: r.meta?.loadedAddresses });
  return {
    signature,
    slot: r.slot,
    err: formatTransactionError(r.meta?.err ?? null),
    blockTime: r.blockTime ?? null,
    logs: r.meta?.logMessages ?? [],
    computeUnits: r.meta?.computeUnitsConsumed ?? 0,
    accountKeys: keys.keySegments().flat(),
  };
}
