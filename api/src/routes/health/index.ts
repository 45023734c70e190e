/** `GET /healthz`: 200 once Postgres, Redis, the chain and the indexer are all ready, else 503. */
import { z } from "zod";
import { defineRoutes } from "../route-module.js";
import { runChecks } from "./checks.js";

const Check = z.object({
  ok: z.boolean(),
  latencyMs: z.number(),
  detail: z.record(z.string(), z.unknown()).optional(),
  error: z.string().optional(),
});
const Checks = z.object({ postgres: Check, redis: Check, chain: Check, indexer: Check });

export const healthRoutes = defineRoutes("health", "", async (app) => {
  app.get(
    "/healthz",
    {
      schema: {
        summary: "Readiness: Postgres, Redis, the chain and the indexer's lag",
        response: {
          200: z.object({ status: z.literal("ok"), checks: Checks }),
          503: z.object({ error: z.string(), status: z.literal("unavailable"), checks: Checks }),
        },
      },
    },
    async (request, reply) => {
      const checks = await runChecks(app.ctx);
      const failing = Object.entries(checks).filter(([, c]) => !c.ok);
      if (failing.length === 0) return { status: "ok" as const, checks };
      request.log.warn({ checks }, "not ready");
      return reply.code(503).send({
        error: `Not ready: ${failing.map(([name, c]) => `${name} (${c.error})`).join(", ")}`,
        status: "unavailable" as const,
        checks,
      });
    },
  );
});
