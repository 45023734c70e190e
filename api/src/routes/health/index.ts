/** `GET /healthz`: 200 once Postgres, Redis, the chain and the indexer are all ready, else 503. */

import { HealthyAnswer, UnhealthyAnswer } from "@justpay/sdk/schemas";
import { defineRoutes } from "../route-module.js";
import { runChecks } from "./checks.js";

export const healthRoutes = defineRoutes("health", "", async (app) => {
  app.get(
    "/healthz",
    {
      schema: {
        summary: "Readiness: Postgres, Redis, the chain and the indexer's lag",
        response: {
          200: HealthyAnswer,
          503: UnhealthyAnswer,
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
