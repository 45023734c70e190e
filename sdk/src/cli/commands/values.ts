/**
 * Response values as the CLI shows them. Micro-USDC amounts arrive from the client as bigints;
 * `micro` also takes the wire's decimal strings, so a field the client leaves as a string
 * (or a nested one) prints the same way.
 */
import { showAmount, usdcCell } from "../amounts.js";

export function micro(value: unknown): bigint {
  if (typeof value === "bigint") return value;
  if (typeof value === "number" && Number.isInteger(value)) return BigInt(value);
  if (typeof value === "string" && /^-?\d+$/.test(value)) return BigInt(value);
  throw new Error(`expected a micro-USDC amount from the API, got ${JSON.stringify(value)}`);
}

export const showMicro = (value: unknown): string => showAmount(micro(value));
export const microCell = (value: unknown): string =>
  value === null || value === undefined ? "-" : usdcCell(micro(value));

/** "2026-02-09T12:05:00.000Z" → "2026-02-09 12:05:00Z"; null → "-". */
export function when(iso: string | null | undefined): string {
  return iso ? iso.replace("T", " ").replace(/\.\d+Z$/, "Z") : "-";
}
