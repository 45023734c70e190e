/**
 * `Idempotency-Key` over HTTP, for every POST that moves money. Put `app.idempotent` after
 * an auth preHandler and declare `IdempotencyHeaders` on the route:
 *
 * - the first request with a key runs; its response (status and body, 2xx and 4xx) is
 *   stored under (agent, key) with a hash of the method, the route and the body;
 * - a request with the same key and the same hash gets that response again, with
 *   `Idempotent-Replayed: true`, and runs nothing;
 * - the same key with another body (or on another route) is 409;
 * - a duplicate that arrives while the first is still running waits for its response (up to
 *   `waitMs`, then 409 "still being processed");
 * - a 5xx is not stored: the key is released so that a retry runs the request again, and an
 *   owner that died leaves a lease that expires after `leaseMs`. Handlers must therefore be
 *   safe to run twice under one key (the outbox's key is derived from it).
 *
 * Without the header a request runs as usual.
 */
import { createHash } from "node:crypto";
import {
  IDEMPOTENCY_HEADER,
  IDEMPOTENCY_KEY_FORMAT,
  IDEMPOTENCY_KEY_RULE,
  IdempotencyHeaders,
} from "@justpay/sdk/schemas";
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from "fastify";
import fp from "fastify-plugin";
import { badRequest, conflict } from "./http-error.js";
import { IdempotencyStore } from "./idempotency-store.js";

declare module "fastify" {
  interface FastifyRequest {
    /** Set while this request owns an Idempotency-Key, so that its response is stored. */
    idempotency: { agentId: string; key: string } | null;
  }
  interface FastifyInstance {
    idempotent: preHandlerAsyncHookHandler;
  }
}

/** Appended to the OpenAPI description of every route behind `app.idempotent`. */
export const IDEMPOTENCY_NOTE =
  " Send an `Idempotency-Key` header to make retries safe: a replay returns the first response " +
  "(with `Idempotent-Replayed: true`), the same key with another body is 409, and concurrent " +
  "duplicates run once.";

export { IDEMPOTENCY_HEADER, IdempotencyHeaders };

export interface IdempotencyOptions {
  /** How long a request may run before a duplicate presumes its process dead (default 60 s). */
  leaseMs?: number;
  /** How long a duplicate waits for the first request's response (default 20 s). */
  waitMs?: number;
  pollMs?: number;
}

/** JSON with object keys sorted, so `{"a":1,"b":2}` and `{"b":2,"a":1}` are one body. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export function requestHash(request: FastifyRequest): string {
  return createHash("sha256")
    .update(`${request.method} ${request.routeOptions.url}\n${canonicalJson(request.body)}`)
    .digest("hex");
}

function replay(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.code(status).header("idempotent-replayed", "true").type("application/json; charset=utf-8").send(body);
}

export const idempotency = fp(
  async (app: FastifyInstance, o: IdempotencyOptions) => {
    const store = new IdempotencyStore(app.ctx.knex);
    const leaseMs = o.leaseMs ?? 60_000;
    const waitMs = o.waitMs ?? 20_000;
    const pollMs = o.pollMs ?? 25;
    app.decorateRequest("idempotency", null);

    const idempotent: preHandlerAsyncHookHandler = async (request, reply) => {
      const key = request.headers[IDEMPOTENCY_HEADER];
      if (key === undefined) return;
      if (typeof key !== "string" || !IDEMPOTENCY_KEY_FORMAT.test(key)) throw badRequest(IDEMPOTENCY_KEY_RULE);
      const agent = request.agent;
      if (!agent) throw new Error("app.idempotent must run after an auth preHandler");
      const hash = requestHash(request);
      const deadline = Date.now() + waitMs;
      for (;;) {
        const { row, owned } = await store.claim(agent.id, key, hash, leaseMs);
        if (owned) {
          request.idempotency = { agentId: agent.id, key };
          return;
        }
        if (row.request_hash !== hash) throw conflict("This Idempotency-Key was already used for a different request");
        if (row.status === "done") return replay(reply, row.response_status ?? 200, row.response_body ?? "");
        if (Date.now() > deadline)
          throw conflict("A request with this Idempotency-Key is still being processed; retry shortly");
        await new Promise((r) => setTimeout(r, pollMs));
      }
    };
    app.decorate("idempotent", idempotent);

    app.addHook("onSend", async (request, reply, payload) => {
      const owner = request.idempotency;
      if (!owner) return payload;
      request.idempotency = null;
      try {
        if (reply.statusCode >= 500) await store.release(owner.agentId, owner.key);
        else await store.finish(owner.agentId, owner.key, reply.statusCode, String(payload ?? ""));
      } catch (err) {
        // The answer stands; the key stays in progress until its lease ends, then a retry
        // runs the (idempotent) handler again.
        request.log.error({ err }, "could not record the Idempotency-Key response");
      }
      return payload;
    });
  },
  { name: "justpay-idempotency", dependencies: ["justpay-context"] },
);
