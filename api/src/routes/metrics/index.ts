/** `GET /metrics`: the process's Prometheus registry (HTTP, queues, outbox, indexer, process). */
import { z } from "zod";
import { defineRoutes } from "../route-module.js";

export const metricsRoutes = defineRoutes("metrics", "", async (app) => {
  app.get(
    "/metrics",
    {
      schema: {
        summary: "Prometheus metrics",
        response: { 200: z.string().describe("Prometheus text exposition format") },
      },
    },
    async (_request, reply) => {
      const registry = app.ctx.metrics;
      reply.type(registry.contentType);
      return registry.metrics();
    },
  );
});
