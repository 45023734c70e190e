/** What every namespace shares: the transport, bigint answers, path segments, money-call keys. */
import { amountsToBigint, type WithBigints } from "./amounts.js";
import { type HttpTransport, newIdempotencyKey, type QueryValue, type RequestSpec } from "./http.js";
import type { CallOptions } from "./types.js";

export abstract class Namespace {
  constructor(protected readonly http: HttpTransport) {}

  /** The answer with its micro-USDC strings as bigints. */
  protected async call<T>(spec: RequestSpec): Promise<WithBigints<T>> {
    return amountsToBigint(await this.http.request<T>(spec));
  }

  /** A money call: always sends an Idempotency-Key, the caller's or a fresh UUID. */
  protected money<T>(spec: RequestSpec, options?: CallOptions): Promise<WithBigints<T>> {
    return this.call<T>({ ...spec, idempotencyKey: options?.idempotencyKey ?? newIdempotencyKey() });
  }
}

/** One path segment, escaped. */
export const seg = (id: string) => encodeURIComponent(id);

/** A typed query object as the transport's string map. */
export const q = (query: object | undefined) => (query ?? {}) as Record<string, QueryValue>;
