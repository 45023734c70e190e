/**
 * Per-agent webhook secrets, in the `whsec_<base64>` form Standard Webhooks libraries read.
 * The same string keys the `X-JustPayAI-Signature` HMAC (see signing.ts). Rotating is
 * storing a fresh one: the sender resolves the secret at send time, so retries after a
 * rotation are signed with the new secret.
 */
import { randomBytes } from "node:crypto";

const PREFIX = "whsec_";
/** Standard Webhooks asks for 24 to 64 bytes of key. */
const KEY_BYTES = 32;
const MIN_KEY_BYTES = 24;
const MAX_KEY_BYTES = 64;

export function generateWebhookSecret(): string {
  return `${PREFIX}${randomBytes(KEY_BYTES).toString("base64")}`;
}

export function isWebhookSecret(secret: string): boolean {
  if (!secret.startsWith(PREFIX)) return false;
  const body = secret.slice(PREFIX.length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body) || body.length % 4 !== 0) return false;
  const bytes = Buffer.from(body, "base64").length;
  return bytes >= MIN_KEY_BYTES && bytes <= MAX_KEY_BYTES;
}
