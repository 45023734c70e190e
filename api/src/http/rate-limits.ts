/**
 * Rate limits, counted in Redis so that every API replica shares one count per client.
 * Every route under /api/v1 and every public page gets the default
 * (`JUSTPAY_RATE_LIMIT_PER_MINUTE` per IP): pages read the database too, so they must not be a
 * free way to load it. Routes the seed marks "IP rate limited: 30/min" add
 * `config: PUBLIC_IP_LIMIT`. Only the operators' probes and the static docs are unlimited. A 429
 * says when to retry in `Retry-After` (seconds) and in its message.
 */
import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { HttpError } from "./http-error.js";

/** Health checks, Prometheus scrapes and the docs UI: operators' traffic, never limited. */
const UNLIMITED_PREFIXES = ["/healthz", "/metrics", "/docs"];
const isUnlimited = (url: string) =>
  UNLIMITED_PREFIXES.some((prefix) => url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`));

/** Route config for the seed's public endpoints "IP rate limited: 30/min". */
export const PUBLIC_IP_LIMIT = { rateLimit: { max: 30, timeWindow: 60_000 } } as const;

export const rateLimits = fp(
  async (app: FastifyInstance) => {
    const { config, redis, keyspace } = app.ctx;
    await app.register(rateLimit, {
      global: true,
      max: config.rateLimitPerMinute,
      timeWindow: 60_000,
      redis,
      nameSpace: `${keyspace}:rate-limit:`,
      // Redis trouble must not take the API down with it; /healthz reports it instead.
      skipOnError: true,
      allowList: (request) => isUnlimited(request.url),
      errorResponseBuilder: (_request, context) =>
        new HttpError(context.statusCode, `Rate limit exceeded: retry in ${context.after}`),
    });
  },
  { name: "justpay-rate-limits", dependencies: ["justpay-context"] },
);
