/**
 * What both adapters share to answer `getTokenTransfersInto`: walking an account's signature
 * history back to a cursor, and reading an SPL Token transfer instruction from its raw bytes.
 * Each adapter only supplies how a transaction's transfers are read (LocalChain from its log,
 * RpcChain from the node's parsed transactions).
 */
import type { SignatureInfo, TokenTransfer, TokenTransferScan } from "./port.js";

/** SPL Token and Token-2022: both encode Transfer and TransferChecked the same way. */
export const TOKEN_PROGRAM_IDS = new Set([
  "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA",
  "TokenzQdBNbLqP5VEhdkAS6EPFLC1PeBdPmgqG5y7ZQ8",
]);

/** One page of `getSignaturesForAddress`, newest first. */
export type SignaturePage = (options: { before?: string; until?: string; limit: number }) => Promise<SignatureInfo[]>;

const PAGE = 1000;

/**
 * Every signature newer than `until`, oldest first. All of them are listed (signatures are
 * cheap, 1 000 per call) so that the `limit` oldest can be examined first: examining the newest
 * ones first would move a cursor past transactions nobody looked at.
 */
async function signaturesSince(page: SignaturePage, until: string | undefined): Promise<SignatureInfo[]> {
  const newestFirst: SignatureInfo[] = [];
  let before: string | undefined;
  for (;;) {
    const batch = await page({ before, until, limit: PAGE });
    newestFirst.push(...batch);
    if (batch.length < PAGE) return newestFirst.reverse();
    before = batch.at(-1)!.signature;
  }
}

/**
 * The scan both adapters run: list what is new, examine up to `limit` successful transactions
 * (a failed one moved no tokens), and report the newest signature examined as the cursor.
 */
export async function scanTokenTransfers(
  page: SignaturePage,
  options: { until?: string; limit?: number },
  transfersOf: (signatures: SignatureInfo[]) => Promise<TokenTransfer[][]>,
): Promise<TokenTransferScan> {
  const all = await signaturesSince(page, options.until);
  const window = options.limit === undefined ? all : all.slice(0, Math.max(1, options.limit));
  const landed = window.filter((s) => s.err === null);
  const transfers = landed.length === 0 ? [] : (await transfersOf(landed)).flat();
  return { transfers, cursor: window.at(-1)?.signature, more: window.length < all.length };
}

/** A transfer instruction as the program saw it. */
export interface RawTokenTransfer {
  source: string;
  destination: string;
  authority: string;
  amount: bigint;
}

const TRANSFER = 3;
const TRANSFER_CHECKED = 12;

/**
 * Decodes Transfer (accounts: source, destination, authority) and TransferChecked (source,
 * mint, destination, authority); anything else is null. `accounts` are the instruction's
 * account addresses in order.
 */
export function decodeTokenTransfer(data: Uint8Array, accounts: string[]): RawTokenTransfer | null {
  if (data.length < 9) return null;
  const amount = Buffer.from(data).readBigUInt64LE(1);
  if (data[0] === TRANSFER && accounts.length >= 3) {
    return { source: accounts[0]!, destination: accounts[1]!, authority: accounts[2]!, amount };
  }
  if (data[0] === TRANSFER_CHECKED && data.length >= 10 && accounts.length >= 4) {
    return { source: accounts[0]!, destination: accounts[2]!, authority: accounts[3]!, amount };
  }
  return null;
}
