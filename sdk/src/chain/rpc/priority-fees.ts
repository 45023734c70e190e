/**
 * Priority fees: what recent slots paid per compute unit to write the same accounts, turned
 * into a ComputeBudget instruction. Fees are local to the accounts a transaction locks, so
 * the estimate is taken over the accounts the transaction will write.
 */
import { ComputeBudgetProgram, type Connection, type PublicKey, type TransactionInstruction } from "@solana/web3.js";

export interface PriorityFeeOptions {
  /** Which share of recent slots the price should beat, 0-100 (default 75). */
  percentile?: number;
  /** Never below this many micro-lamports per compute unit (default 0). */
  floorMicroLamports?: number;
  /** Never above this (default 1 000 000 micro-lamports, i.e. 1 lamport per unit). */
  capMicroLamports?: number;
}

/** The `percentile`-th value of `values` (nearest rank), 0 for none. */
export function percentileOf(values: number[], percentile: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((Math.min(Math.max(percentile, 0), 100) / 100) * sorted.length);
  return sorted[Math.max(rank - 1, 0)]!;
}

export function clampPrice(price: number, options: PriorityFeeOptions = {}): number {
  return Math.min(Math.max(Math.round(price), options.floorMicroLamports ?? 0), options.capMicroLamports ?? 1_000_000);
}

/** Micro-lamports per compute unit from `getRecentPrioritizationFees` over `writableAccounts`. */
export async function recentComputeUnitPrice(
  connection: Connection,
  writableAccounts: PublicKey[],
  options: PriorityFeeOptions = {},
): Promise<number> {
  const fees = await connection.getRecentPrioritizationFees({ lockedWritableAccounts: writableAccounts });
  return clampPrice(
    percentileOf(
      fees.map((f) => f.prioritizationFee),
      options.percentile ?? 75,
    ),
    options,
  );
}

export const computeUnitPriceInstruction = (microLamports: number | bigint): TransactionInstruction =>
  ComputeBudgetProgram.setComputeUnitPrice({ microLamports });

export const computeUnitLimitInstruction = (units: number): TransactionInstruction =>
  ComputeBudgetProgram.setComputeUnitLimit({ units });
