/**
 * Rate limits, counted in Redis so that every API replica shares one count per client.
 * Every route under /api/v1 gets the default (`JUSTPAY_RATE_LIMIT_PER_MINUTE` per IP);
 * routes the seed marks "IP rate limited: 30/min" add `config: PUBLIC_IP_LIMIT`. A 429 says
 * when to retry in `Retry-After` (seconds) and in its message.
 */
import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { HttpError } from "./http-error.js";

export const API_PREFIX = "/api/v1/";

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
      allowList: (request) => !request.url.startsWith(API_PREFIX),
      errorResponseBuilder: (_request, context) =>
        new HttpError(context.statusCode, `Rate limit exceeded: retry in ${context.after}`),
    });
  },
  { name: "justpay-rate-limits", dependencies: ["justpay-context"] },
);
