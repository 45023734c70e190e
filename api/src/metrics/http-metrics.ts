/**
 * Request latency per route: `justpay_http_request_duration_seconds{method, route, status_code}`.
 * The route is the pattern (`/api/v1/agents/:id`), never the raw URL, so ids do not explode
 * the label set; unknown URLs share `route="unmatched"`.
 */
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { Histogram } from "prom-client";

export const httpMetrics = fp(
  async (app: FastifyInstance) => {
    const registry = app.ctx.metrics;
    const name = "justpay_http_request_duration_seconds";
    const histogram =
      (registry.getSingleMetric(name) as Histogram | undefined) ??
      new Histogram({
        name,
        help: "HTTP request latency, by route pattern and status",
        labelNames: ["method", "route", "status_code"],
        buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        registers: [registry],
      });
    app.addHook("onResponse", async (request, reply) => {
      histogram.observe(
        {
          method: request.method,
          route: request.routeOptions.url ?? "unmatched",
          status_code: String(reply.statusCode),
        },
        reply.elapsedTime / 1000,
      );
    });
  },
  { name: "justpay-http-metrics", dependencies: ["justpay-context"] },
);
