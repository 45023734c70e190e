/**
 * The seed's webhook signature, `X-JustPayAI-Signature: sha256=<hex>`: HMAC-SHA256 of the raw
 * request body, keyed with the agent's secret string exactly as shown to it (`whsec_…`,
 * UTF-8). The body's `timestamp` is signed with it, so a stale capture can be refused.
 * Only node:crypto here, so the SDK can reuse the verifier as it is.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const JUSTPAY_SIGNATURE_HEADER = "x-justpayai-signature";
/** How old (or how far ahead) a signed timestamp may be; the Standard Webhooks default. */
export const DEFAULT_TOLERANCE_SECONDS = 5 * 60;

export interface WebhookPayload<Data = unknown> {
  event: string;
  data: Data;
  /** ISO 8601, the moment this attempt was signed. */
  timestamp: string;
}

export function justPaySignature(rawBody: string | Uint8Array, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(rawBody).digest("hex")}`;
}

export class WebhookSignatureError extends Error {
  override name = "WebhookSignatureError";
}

export interface VerifyOptions {
  toleranceSeconds?: number;
  now?: Date;
}

type Headers = Record<string, string | string[] | undefined>;

/**
 * Checks `X-JustPayAI-Signature` over the raw body (as received, before any JSON parsing) in
 * constant time, then the body's `timestamp` against the clock. Returns the parsed payload;
 * throws `WebhookSignatureError` saying what failed.
 */
export function verifyJustPaySignature(
  rawBody: string | Uint8Array,
  headers: Headers,
  secret: string,
  options: VerifyOptions = {},
): WebhookPayload {
  const given = header(headers, JUSTPAY_SIGNATURE_HEADER);
  if (!given) throw new WebhookSignatureError(`missing ${JUSTPAY_SIGNATURE_HEADER} header`);
  const expected = Buffer.from(justPaySignature(rawBody, secret));
  const actual = Buffer.from(given.trim());
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected))
    throw new WebhookSignatureError("signature does not match the body");
  const payload = parsePayload(rawBody);
  const skewSeconds = ((options.now ?? new Date()).getTime() - Date.parse(payload.timestamp)) / 1000;
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (!Number.isFinite(skewSeconds)) throw new WebhookSignatureError("the payload's timestamp is not a date");
  if (skewSeconds > tolerance) throw new WebhookSignatureError("the payload's timestamp is too old");
  if (skewSeconds < -tolerance) throw new WebhookSignatureError("the payload's timestamp is in the future");
  return payload;
}

function header(headers: Headers, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return Array.isArray(value) ? value[0] : value;
}

function parsePayload(rawBody: string | Uint8Array): WebhookPayload {
  try {
    const payload = JSON.parse(typeof rawBody === "string" ? rawBody : Buffer.from(rawBody).toString("utf8"));
    if (typeof payload?.event === "string" && typeof payload.timestamp === "string") return payload;
  } catch {}
  throw new WebhookSignatureError("the body is not a JustPay webhook payload");
}
