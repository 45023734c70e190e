/**
 * The client's request and answer types, inferred from the wire schemas (`@justpay/sdk/schemas`):
 * requests are the schemas' input with amounts widened to `bigint | number | string`; answers are
 * their output with micro-USDC strings as `bigint`; query strings are the parsed query, every
 * parameter optional.
 */
import type { z } from "zod";
import type { WithAmountInputs, WithBigints } from "./amounts.js";

export type Answer<T extends z.ZodType> = WithBigints<z.output<T>>;
export type Body<T extends z.ZodType> = WithAmountInputs<z.input<T>>;
export type Query<T extends z.ZodType> = WithAmountInputs<Partial<z.output<T>>>;

/** The last argument of every money call. */
export interface CallOptions {
  /** Sent as `Idempotency-Key`; a random UUID when omitted. Reuse it to retry a call safely. */
  idempotencyKey?: string;
}
