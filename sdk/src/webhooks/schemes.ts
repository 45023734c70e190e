/**
 * The two signatures JustPay puts on every webhook request (api/src/webhooks/README.md):
 *
 * - `X-JustPayAI-Signature: sha256=<hex>`, HMAC-SHA256 of the raw body keyed with the secret
 *   string as shown (`whsec_…` included, UTF-8). Its freshness is the body's `timestamp`.
 * - Standard Webhooks v1: `webhook-signature: v1,<base64>` over `<webhook-id>.<webhook-timestamp>.<body>`,
 *   keyed with the base64 part of the secret. Its freshness is `webhook-timestamp`.
 *
 * Each header may carry several signatures separated by spaces, as a sender does while
 * rotating secrets; one match is enough.
 */
import { base64Bytes, concatBytes, hexBytes, utf8Bytes } from "./encoding.js";
import { readHeader, type WebhookHeaders } from "./headers.js";
import { hmacKey, hmacMatches } from "./hmac.js";

export type WebhookScheme = "x-justpayai-signature" | "standard-webhooks";

export const JUSTPAY_SIGNATURE_HEADER = "x-justpayai-signature";
export const STANDARD_WEBHOOK_HEADERS = {
  id: "webhook-id",
  timestamp: "webhook-timestamp",
  signature: "webhook-signature",
} as const;

const SECRET_PREFIX = "whsec_";

/** What one scheme found in the request; `undefined` from `readScheme` means it was not sent. */
export interface SchemeCheck {
  scheme: WebhookScheme;
  /** The signatures the header lists, decoded; malformed entries are dropped. */
  signatures: Uint8Array[];
  /** What the signatures cover. */
  message: Uint8Array;
  /** Standard Webhooks only: the header's unix seconds (NaN when not an integer). */
  timestampSeconds?: number;
  /** Standard Webhooks only: the delivery id, stable across retries, to deduplicate on. */
  id?: string;
}

const listed = (value: string): string[] => value.split(/\s+/).filter((s) => s.length > 0);

export function readJustPayScheme(headers: WebhookHeaders, body: Uint8Array): SchemeCheck | undefined {
  const value = readHeader(headers, JUSTPAY_SIGNATURE_HEADER);
  if (value === undefined) return undefined;
  const signatures = listed(value)
    .map((s) => (s.startsWith("sha256=") ? hexBytes(s.slice("sha256=".length)) : undefined))
    .filter((s): s is Uint8Array => s !== undefined);
  return { scheme: "x-justpayai-signature", signatures, message: body };
}

/** `undefined` when no `webhook-signature` was sent; a check without signatures when its id or timestamp is missing. */
export function readStandardScheme(headers: WebhookHeaders, body: Uint8Array): SchemeCheck | undefined {
  const value = readHeader(headers, STANDARD_WEBHOOK_HEADERS.signature);
  if (value === undefined) return undefined;
  const id = readHeader(headers, STANDARD_WEBHOOK_HEADERS.id);
  const timestamp = readHeader(headers, STANDARD_WEBHOOK_HEADERS.timestamp);
  const timestampSeconds = timestamp !== undefined && /^\d+$/.test(timestamp.trim()) ? Number(timestamp) : Number.NaN;
  if (id === undefined || timestamp === undefined) {
    return { scheme: "standard-webhooks", signatures: [], message: body, timestampSeconds };
  }
  // Only v1 (symmetric HMAC); other versions (v1a, asymmetric) are not ours to check.
  const signatures = listed(value)
    .map((s) => (s.startsWith("v1,") ? base64Bytes(s.slice("v1,".length)) : undefined))
    .filter((s): s is Uint8Array => s !== undefined);
  const message = concatBytes(utf8Bytes(`${id}.${timestamp}.`), body);
  return { scheme: "standard-webhooks", signatures, message, timestampSeconds, id };
}

/** The key bytes each scheme derives from a `whsec_…` secret; Standard Webhooks' is undefined for a secret that is not base64. */
export function schemeKey(scheme: WebhookScheme, secret: string): Uint8Array | undefined {
  if (scheme === "x-justpayai-signature") return secret.length > 0 ? utf8Bytes(secret) : undefined;
  const body = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  const key = base64Bytes(body);
  return key && key.length > 0 ? key : undefined;
}

/** Whether any listed signature is the HMAC of the message under any of the secrets. */
export async function schemeMatches(check: SchemeCheck, secrets: readonly string[]): Promise<boolean> {
  for (const secret of secrets) {
    const raw = schemeKey(check.scheme, secret);
    if (!raw) continue;
    const key = await hmacKey(raw);
    for (const signature of check.signatures) if (await hmacMatches(key, signature, check.message)) return true;
  }
  return false;
}
