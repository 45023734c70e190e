/**
 * What a tool hands back to the model: one compact JSON text, with every micro-USDC amount
 * (a bigint in the client's answers) shown both ways, `{ micro: "500000", usdc: "0.50" }`,
 * so the model neither divides by a million nor loses precision in a float.
 */
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { formatUsdc, JustPayApiError } from "../client/index.js";

export interface AmountView {
  micro: string;
  usdc: string;
}

export function amountView(micro: bigint): AmountView {
  return { micro: micro.toString(), usdc: formatUsdc(micro) };
}

/** The client's answer as plain JSON: bigints become amount views, everything else keeps its shape. */
export function toPlainJson(value: unknown): unknown {
  if (typeof value === "bigint") return amountView(value);
  if (Array.isArray(value)) return value.map(toPlainJson);
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, toPlainJson(v)]),
    );
  }
  return value;
}

export function jsonResult(value: unknown): CallToolResult {
  return { content: [{ type: "text", text: JSON.stringify(toPlainJson(value)) }] };
}

/**
 * A failure as an MCP tool error (`isError: true`) rather than a protocol error, so the model
 * reads it and can correct itself: the API's status and message, or why the API was unreachable.
 */
export function errorResult(error: unknown, apiUrl?: string): CallToolResult {
  return { isError: true, content: [{ type: "text", text: errorText(error, apiUrl) }] };
}

function errorText(error: unknown, apiUrl?: string): string {
  if (error instanceof JustPayApiError) {
    const retry = error.retryAfterSeconds === undefined ? "" : ` (retry after ${error.retryAfterSeconds}s)`;
    return `JustPay API error ${error.status}: ${error.message}${retry}`;
  }
  const message = error instanceof Error ? error.message : String(error);
  // Node's fetch reports a refused or dropped connection as `TypeError: fetch failed`.
  const unreachable = error instanceof TypeError && /fetch/i.test(message);
  if (!unreachable) return message;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return `Could not reach the JustPay API${apiUrl ? ` at ${apiUrl}` : ""}: ${cause?.code ?? cause?.message ?? message}`;
}
