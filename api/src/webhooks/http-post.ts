/**
 * One webhook POST, with the limits a sender of requests to arbitrary hosts needs: a short
 * overall timeout, no redirects (Node's client never follows them), and a socket that can
 * only reach addresses the SSRF guard allows at connect time.
 */
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { guardedLookup, type ResolveHost } from "../net/ssrf-guard.js";

export const USER_AGENT = "JustPay-Webhooks/1";

export interface PostOptions {
  timeoutMs: number;
  allowPrivate: boolean;
  resolve?: ResolveHost;
}

export interface PostResult {
  statusCode: number;
  /** Until the response headers arrived. */
  latencyMs: number;
}

export class WebhookTimeoutError extends Error {
  override name = "WebhookTimeoutError";
}

export function postWebhook(
  url: URL,
  body: string,
  headers: Record<string, string>,
  o: PostOptions,
): Promise<PostResult> {
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: "POST",
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)), "user-agent": USER_AGENT },
        // A fresh socket per request: a pooled one could have been vetted under another
        // policy or another DNS answer.
        agent: false,
        lookup: guardedLookup({ allowPrivate: o.allowPrivate, resolve: o.resolve }),
        signal: AbortSignal.timeout(o.timeoutMs),
      },
      (res) => {
        // The body is not needed; drain it, and let the timeout cut a receiver that streams forever.
        res.on("error", () => {});
        res.resume();
        resolve({ statusCode: res.statusCode ?? 0, latencyMs: Math.round(performance.now() - started) });
      },
    );
    req.on("error", (e) =>
      reject(e.name === "AbortError" ? new WebhookTimeoutError(`no response within ${o.timeoutMs} ms`) : e),
    );
    req.end(body);
  });
}
