/**
 * Boots the API: `startServer` opens the stack and listens; `buildServer` is a Fastify instance on the process's pino logger, with request ids taken
 * from `X-Request-Id` (or generated) and echoed back, and the app plugin registered on it.
 */
import { randomUUID } from "node:crypto";
import Fastify, { type FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { type AppOptions, justpayApp } from "./app.js";
import type { Config } from "./config/config.js";
import type { AppContext } from "./context.js";
import { openStack, type Stack, type StackOptions } from "./runtime/stack.js";

/** JSON bodies larger than this are refused with 413; the seed's largest fields fit easily. */
export const BODY_LIMIT_BYTES = 1024 * 1024;
const REQUEST_ID = /^[\w.:-]{1,128}$/;
/**
 * Longest path parameter the router matches (Fastify's default, 100, answers 414 above it).
 * Webhook delivery ids are deterministic and reach 104 characters (`address-changed-<88-char
 * signature>`); receivers deduplicate on them, so they stay as they are and the router lets
 * through what the replay route's own schema allows (128).
 */
export const MAX_PARAM_LENGTH = 128;

export async function buildServer(ctx: AppContext, routes?: AppOptions["routes"]): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.log,
    bodyLimit: BODY_LIMIT_BYTES,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    trustProxy: ctx.config.trustProxy,
    requestIdHeader: false,
    // A caller's id is kept when it is short and plain, so logs can be joined across services.
    genReqId: (req) => {
      const given = req.headers["x-request-id"];
      return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
  await app.register(justpayApp, { ctx, routes });
  await app.ready();
  return app as unknown as FastifyInstance;
}

export interface RunningServer {
  app: FastifyInstance;
  stack: Stack;
  /** e.g. `http://127.0.0.1:3000` */
  url: string;
  /** Drains in-flight requests, then closes the stack (indexer, queues, chain, Redis, Postgres). */
  stop(): Promise<void>;
}

/** Opens the stack for `config`, builds the server on it and listens on HOST:PORT. */
export async function startServer(config: Config, options: StackOptions = {}): Promise<RunningServer> {
  const stack = await openStack(config, options);
  let app: FastifyInstance;
  try {
    app = await buildServer(stack.ctx);
    await app.listen({ host: config.host, port: config.port });
  } catch (e) {
    await stack.close();
    throw e;
  }
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  return {
    app,
    stack,
    url: `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`,
    stop: async () => {
      await app.close();
      await stack.close();
    },
  };
}
