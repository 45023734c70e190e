/**
 * One delivery attempt, decided: re-vet the URL (DNS may have changed since it was saved),
 * resolve the agent's secret now (so a rotation applies to retries), sign, POST, and judge
 * the outcome. Retries are for what may pass later; what never will is given up at once.
 *
 * | outcome                                   | verdict   |
 * |-------------------------------------------|-----------|
 * | 2xx                                       | delivered |
 * | 5xx, timeout, network error, DNS failure  | retry     |
 * | 4xx, 3xx (redirects are not followed)     | give-up   |
 * | URL refused by the SSRF guard, no secret  | give-up   |
 */

import type { DeliveryAttempt, WebhookDeliveryRow } from "@justpay/db";
import { CallbackUrlError, checkCallbackUrl, type ResolveHost, UnresolvableHostError } from "../net/ssrf-guard.js";
import { postWebhook, WebhookTimeoutError } from "./http-post.js";
import { signWebhook } from "./signing.js";

/** The agent's current webhook secret; undefined when it has none (any more). */
export type ResolveSecret = (agentId: string) => Promise<string | undefined>;

export interface AttemptOptions {
  resolveSecret: ResolveSecret;
  timeoutMs: number;
  allowHttp: boolean;
  allowPrivate: boolean;
  resolve?: ResolveHost;
}

export type Verdict = "delivered" | "retry" | "give-up";

export interface AttemptResult {
  attempt: DeliveryAttempt;
  verdict: Verdict;
}

class GiveUp extends Error {}

export async function attemptDelivery(row: WebhookDeliveryRow, o: AttemptOptions): Promise<AttemptResult> {
  const at = new Date();
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const { url } = await checkCallbackUrl(row.url, o);
    const secret = await o.resolveSecret(row.agent_id);
    if (!secret) throw new GiveUp(`agent ${row.agent_id} has no webhook secret`);
    const signed = signWebhook({ id: row.id, event: row.event, data: row.payload, secret, at });
    const { statusCode, latencyMs } = await postWebhook(url, signed.body, signed.headers, o);
    return {
      attempt: { at: at.toISOString(), statusCode, latencyMs, error: httpError(statusCode) },
      verdict: judge(statusCode),
    };
  } catch (e) {
    const error = (e as Error).message;
    return { attempt: { at: at.toISOString(), statusCode: null, latencyMs: elapsed(), error }, verdict: judgeError(e) };
  }
}

function judge(statusCode: number): Verdict {
  if (statusCode >= 200 && statusCode < 300) return "delivered";
  return statusCode >= 500 ? "retry" : "give-up";
}

function httpError(statusCode: number): string | null {
  if (statusCode >= 200 && statusCode < 300) return null;
  if (statusCode >= 300 && statusCode < 400) return `the receiver answered ${statusCode}; redirects are not followed`;
  return `the receiver answered ${statusCode}`;
}

function judgeError(e: unknown): Verdict {
  if (e instanceof GiveUp) return "give-up";
  if (e instanceof UnresolvableHostError || e instanceof WebhookTimeoutError) return "retry";
  if (e instanceof CallbackUrlError) return "give-up";
  return "retry";
}
