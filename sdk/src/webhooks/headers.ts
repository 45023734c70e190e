/**
 * Reading one header from whatever a receiver's framework hands over: a Fetch `Headers`
 * (Workers, Deno, Next.js route handlers) or a plain object (Node's `IncomingMessage.headers`,
 * Express, Fastify), whose keys may come in any case and whose values may be arrays.
 */

/** The `Headers` shape this module needs, so no DOM lib is required to name it. */
export interface HeadersLike {
  get(name: string): string | null;
}

export type WebhookHeaders = HeadersLike | Record<string, string | readonly string[] | undefined>;

const isHeadersLike = (h: WebhookHeaders): h is HeadersLike => typeof (h as HeadersLike).get === "function";

/** The header's value, repeated values joined by a space as `Headers` would join them by ", ". */
export function readHeader(headers: WebhookHeaders, name: string): string | undefined {
  const lower = name.toLowerCase();
  if (isHeadersLike(headers)) return headers.get(lower) ?? undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === lower);
  const value = key === undefined ? undefined : headers[key];
  if (value === undefined) return undefined;
  return typeof value === "string" ? value : value.join(" ");
}
