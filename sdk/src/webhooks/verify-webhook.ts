/**
 * `verifyWebhook`: whether a request really came from JustPay, and the event it carries.
 * Runs wherever Web Crypto does (browsers, Node 20+, Deno, edge workers): no `node:` imports.
 *
 * Every signature scheme the request carries must verify (a forged header next to a good
 * one is refused, not ignored), and at least one must be present. Then each verified
 * scheme's timestamp must be within `toleranceSeconds` of the clock, either way, so a
 * captured request cannot be replayed later.
 */
import { utf8Bytes, utf8Text } from "./encoding.js";
import type { WebhookHeaders } from "./headers.js";
import {
  readJustPayScheme,
  readStandardScheme,
  type SchemeCheck,
  schemeKey,
  schemeMatches,
  type WebhookScheme,
} from "./schemes.js";

/** The request body JustPay sends (SEED_API.md, "Webhook Events"). */
export interface WebhookEvent<Data = unknown> {
  event: string;
  data: Data;
  /** ISO 8601: when this attempt was signed, not when the event happened. */
  timestamp: string;
}

export interface VerifyWebhookOptions {
  /** How far a signed timestamp may be from `now`, in either direction. Default 300 s. */
  toleranceSeconds?: number;
  /** The clock to judge timestamps by. Default: the current time. */
  now?: Date;
}

export type WebhookFailureReason =
  /** Neither `X-JustPayAI-Signature` nor `webhook-signature` was sent. */
  | "missing_signature"
  /** `webhook-signature` came without `webhook-id` or `webhook-timestamp`. */
  | "missing_headers"
  /** A scheme's signatures do not match the body under the secret(s). */
  | "signature_mismatch"
  /** No secret given can key the scheme (not a `whsec_…` base64 secret). */
  | "invalid_secret"
  /** A timestamp is not a date. */
  | "invalid_timestamp"
  | "timestamp_too_old"
  | "timestamp_in_future"
  /** The signed body is not a JustPay event. */
  | "invalid_payload";

export type VerifyWebhookResult<Data = unknown> =
  | {
      ok: true;
      event: WebhookEvent<Data>;
      /** The delivery id (`webhook-id`), the same across retries and replays: deduplicate on it. */
      deliveryId?: string;
      /** The schemes that were present and verified. */
      schemes: WebhookScheme[];
    }
  | { ok: false; reason: WebhookFailureReason; scheme?: WebhookScheme; message: string };

export const DEFAULT_TOLERANCE_SECONDS = 300;

type Failure = Extract<VerifyWebhookResult, { ok: false }>;
const fail = (reason: WebhookFailureReason, message: string, scheme?: WebhookScheme): Failure =>
  scheme ? { ok: false, reason, scheme, message } : { ok: false, reason, message };

/**
 * Verifies a webhook request over its raw body, the bytes as received (parsing and
 * re-serialising the JSON changes them). `secret` is the agent's `whsec_…` secret from
 * `GET /api/v1/webhooks/secret`; pass several while rotating, and any of them may match.
 */
export async function verifyWebhook<Data = unknown>(
  rawBody: string | Uint8Array,
  headers: WebhookHeaders,
  secret: string | readonly string[],
  options: VerifyWebhookOptions = {},
): Promise<VerifyWebhookResult<Data>> {
  const body = typeof rawBody === "string" ? utf8Bytes(rawBody) : rawBody;
  const secrets = typeof secret === "string" ? [secret] : secret;
  const checks = [readJustPayScheme(headers, body), readStandardScheme(headers, body)].filter(
    (c): c is SchemeCheck => c !== undefined,
  );
  if (checks.length === 0) return fail("missing_signature", "no X-JustPayAI-Signature or webhook-signature header");

  for (const check of checks) {
    if (check.scheme === "standard-webhooks" && check.id === undefined)
      return fail("missing_headers", "webhook-signature needs webhook-id and webhook-timestamp", check.scheme);
    if (!(await schemeMatches(check, secrets))) {
      const keyed = secrets.some((s) => schemeKey(check.scheme, s) !== undefined);
      return keyed
        ? fail("signature_mismatch", `${check.scheme}: no signature matches the body`, check.scheme)
        : fail("invalid_secret", `${check.scheme}: the secret cannot key this scheme`, check.scheme);
    }
  }

  const event = parseEvent<Data>(body);
  if (!event) return fail("invalid_payload", "the signed body is not a JustPay webhook event");

  const now = (options.now ?? new Date()).getTime() / 1000;
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  for (const check of checks) {
    const signedAt =
      check.scheme === "standard-webhooks" ? check.timestampSeconds! : Date.parse(event.timestamp) / 1000;
    const stale = staleness(signedAt, now, tolerance);
    if (stale) return fail(stale, `${check.scheme}: ${STALENESS_MESSAGES[stale]}`, check.scheme);
  }

  const deliveryId = checks.find((c) => c.id !== undefined)?.id;
  const schemes = checks.map((c) => c.scheme);
  return deliveryId === undefined ? { ok: true, event, schemes } : { ok: true, event, deliveryId, schemes };
}

const STALENESS_MESSAGES = {
  invalid_timestamp: "the timestamp is not a date",
  timestamp_too_old: "the timestamp is older than the tolerance",
  timestamp_in_future: "the timestamp is further ahead than the tolerance",
} as const;

function staleness(signedAt: number, now: number, tolerance: number): keyof typeof STALENESS_MESSAGES | undefined {
  if (!Number.isFinite(signedAt)) return "invalid_timestamp";
  if (now - signedAt > tolerance) return "timestamp_too_old";
  if (signedAt - now > tolerance) return "timestamp_in_future";
  return undefined;
}

function parseEvent<Data>(body: Uint8Array): WebhookEvent<Data> | undefined {
  try {
    const parsed = JSON.parse(utf8Text(body)) as Partial<WebhookEvent<Data>> | null;
    if (typeof parsed?.event === "string" && typeof parsed.timestamp === "string" && "data" in parsed)
      return parsed as WebhookEvent<Data>;
  } catch {}
  return undefined;
}
