/** Verifying JustPay's webhook requests on the receiving side (browser-safe: Web Crypto only). */
export type { HeadersLike, WebhookHeaders } from "./headers.js";
export { JUSTPAY_SIGNATURE_HEADER, STANDARD_WEBHOOK_HEADERS, type WebhookScheme } from "./schemes.js";
export {
  DEFAULT_TOLERANCE_SECONDS,
  type VerifyWebhookOptions,
  type VerifyWebhookResult,
  verifyWebhook,
  type WebhookEvent,
  type WebhookFailureReason,
} from "./verify-webhook.js";
