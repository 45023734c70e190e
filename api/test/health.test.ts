import assert from "node:assert/strict";
import { startTestApi, type TestApi } from "./support/test-api.js";

describe("GET /healthz", function () {
  this.timeout(60_000);
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi({ label: "health" });
  });
  afterEach(async () => api?.close());

  it("is 200 when Postgres, Redis, the chain and the indexer are ready", async () => {
    // Given a freshly started API with the platform bootstrapped and the indexer live
    // When the probe asks
    const res = await api.request({ method: "GET", url: "/healthz" });
    // Then every check passed, and the chain and indexer report real slots
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.status, "ok");
    for (const name of ["postgres", "redis", "chain", "indexer"]) assert.equal(body.checks[name].ok, true, name);
    assert.equal(body.checks.chain.detail.slot, await api.chain.getSlot());
    assert.ok(body.checks.indexer.detail.indexedSlot > 0, "the indexer has mirrored the platform's config");
  });

  it("is 503 naming the failing dependency when Redis is gone", async () => {
    // Given the API has lost its Redis connection
    api.ctx.redis.disconnect();
    // When the probe asks
    const res = await api.request({ method: "GET", url: "/healthz" });
    // Then it is not ready, says why in the error shape, and the other checks still pass
    assert.equal(res.statusCode, 503);
    const body = res.json();
    assert.match(body.error, /^Not ready: redis \(/);
    assert.equal(body.status, "unavailable");
    assert.equal(body.checks.redis.ok, false);
    assert.equal(body.checks.postgres.ok, true);
    assert.equal(body.checks.indexer.ok, true);
  });
});
