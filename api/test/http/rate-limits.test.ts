import assert from "node:assert/strict";
import { PUBLIC_IP_LIMIT } from "../../src/http/rate-limits.js";
import { defineRoutes } from "../../src/routes/route-module.js";
import { startTestApi, type TestApi } from "../support/test-api.js";

const probes = defineRoutes("limited", "/api/v1/probe", async (app) => {
  app.get("/ping", async () => ({ pong: true }));
  app.get("/public", { config: PUBLIC_IP_LIMIT }, async () => ({ pong: true }));
});

describe("rate limits", function () {
  this.timeout(60_000);
  let api: TestApi;
  before(async () => {
    api = await startTestApi({ label: "ratelimit", routes: [probes], env: { JUSTPAY_RATE_LIMIT_PER_MINUTE: "5" } });
  });
  after(async () => api?.close());

  const get = (url: string, remoteAddress: string) => api.request({ method: "GET", url, remoteAddress });
  const statuses = async (url: string, ip: string, n: number) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push((await get(url, ip)).statusCode);
    return out;
  };

  it("limits /api/v1 per IP, answering 429 with Retry-After and the error shape", async () => {
    // Given a default of 5 requests a minute; When one IP sends 5
    assert.deepEqual(await statuses("/api/v1/probe/ping", "10.0.0.1", 5), [200, 200, 200, 200, 200]);
    // Then the 6th is refused, and says when to retry
    const refused = await get("/api/v1/probe/ping", "10.0.0.1");
    assert.equal(refused.statusCode, 429);
    const retryAfter = Number(refused.headers["retry-after"]);
    assert.ok(retryAfter > 0 && retryAfter <= 60, `retry-after ${refused.headers["retry-after"]}`);
    assert.deepEqual(refused.json(), { error: "Rate limit exceeded: retry in 1 minute" });
    // And another IP is unaffected
    assert.equal((await get("/api/v1/probe/ping", "10.0.0.2")).statusCode, 200);
  });

  it("counts in Redis under the API's keyspace, so replicas share the count", async () => {
    const keys = await api.ctx.redis.keys(`${api.ctx.keyspace}:rate-limit:*`);
    assert.ok(keys.length > 0, "rate-limit counters live in Redis");
  });

  it("allows the seed's public endpoints 30 a minute per IP, whatever the default", async () => {
    const first30 = await statuses("/api/v1/probe/public", "10.0.1.1", 30);
    assert.deepEqual(new Set(first30), new Set([200]));
    const refused = await get("/api/v1/probe/public", "10.0.1.1");
    assert.equal(refused.statusCode, 429);
    assert.ok(Number(refused.headers["retry-after"]) > 0);
  });

  it("leaves the operators' routes (health, docs, metrics) unlimited", async () => {
    assert.deepEqual(new Set(await statuses("/healthz", "10.0.2.1", 8)), new Set([200]));
    assert.deepEqual(new Set(await statuses("/docs/json", "10.0.2.1", 8)), new Set([200]));
  });

  it("limits the public pages like the API, since each one reads the database", async () => {
    assert.deepEqual(await statuses("/", "10.0.3.1", 5), [200, 200, 200, 200, 200]);
    const refused = await get("/proposals", "10.0.3.1");
    assert.equal(refused.statusCode, 429);
    assert.ok(Number(refused.headers["retry-after"]) > 0);
  });

  it("sends security headers (helmet)", async () => {
    const res = await get("/healthz", "10.0.2.2");
    assert.equal(res.headers["x-content-type-options"], "nosniff");
    assert.ok(res.headers["content-security-policy"]);
    assert.ok(res.headers["strict-transport-security"]);
  });
});
