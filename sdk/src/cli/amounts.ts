/**
 * Amounts on the command line are USDC with up to 6 decimals ("0.50", "5", "12.345678"), the
 * way people think of money; the API counts micro-units (1 USDC = 1 000 000). Every amount
 * the CLI prints shows both, so neither reading is ever a guess.
 */
import { formatUsdc, usdc } from "../client/index.js";
import { UsageError } from "./errors.js";

/** "0.50" → 500000n (the client's `usdc`). Refuses zero, negatives, more than 6 decimals and anything not a number. */
export function parseUsdcAmount(text: string, what = "amount"): bigint {
  const refused = () =>
    new UsageError(`${what} must be USDC with at most 6 decimals, like 0.50 or 5 (got ${JSON.stringify(text)})`);
  let micro: bigint;
  try {
    micro = usdc(text);
  } catch {
    throw refused();
  }
  if (micro < 0n) throw refused();
  if (micro === 0n) throw new UsageError(`${what} must be more than 0`);
  return micro;
}

/** 515000n → "0.515 USDC (515000 micro-USDC)". */
export function showAmount(micro: bigint): string {
  return `${formatUsdc(micro)} USDC (${micro} micro-USDC)`;
}

/** Just the USDC figure, for table cells: 515000n → "0.515". */
export function usdcCell(micro: bigint | null | undefined): string {
  return micro === null || micro === undefined ? "-" : formatUsdc(micro);
}
