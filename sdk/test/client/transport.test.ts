import assert from "node:assert/strict";
import { JustPayApiError, JustPayClient, parseRetryAfter } from "@justpay/sdk/client";
import { ScriptedServer } from "./scripted-server.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("client: the transport", () => {
  let server: ScriptedServer;
  beforeEach(async () => {
    server = await new ScriptedServer().start();
  });
  afterEach(() => server.stop());

  describe("base URL and auth", () => {
    for (const suffix of ["", "/", "/api/v1", "/api/v1/", "//"]) {
      it(`"${suffix}" after the host: API routes under /api/v1, health at the root`, async () => {
        server.answer({ body: { status: "ok", checks: {} } });
        const c = new JustPayClient({ baseUrl: server.url + suffix });
        await c.services.categories();
        await c.health();
        assert.deepEqual(
          server.received.map((r) => r.url),
          ["/api/v1/services/categories", "/healthz"],
        );
        assert.equal(c.baseUrl, server.url);
      });
    }

    it("sends the agent key on agent routes, the admin key on admin routes, and a copy's own key", async () => {
      server.answer({ body: { reports: [], pagination: { page: 1, limit: 20, total: 0 } } });
      const c = new JustPayClient({ baseUrl: server.url, apiKey: "jp_agent", adminKey: "admin_secret" });
      await c.agents.me();
      await c.admin.reports({ status: "pending" });
      await c.withApiKey("jp_other").agents.me();
      assert.deepEqual(
        server.received.map((r) => [r.url, r.headers.authorization]),
        [
          ["/api/v1/agents/me", "Bearer jp_agent"],
          ["/api/v1/admin/reports?status=pending", "Bearer admin_secret"],
          ["/api/v1/agents/me", "Bearer jp_other"],
        ],
      );
    });

    it("escapes path segments and leaves undefined query parameters out", async () => {
      server.answer({ body: { jobs: [], pagination: { page: 1, limit: 5, total: 0 } } });
      const c = new JustPayClient({ baseUrl: server.url, apiKey: "k" });
      await c.agents.get("a/b?c");
      await c.jobs.list({ role: "client", status: undefined, limit: 5 });
      assert.equal(server.received[0]!.url, "/api/v1/agents/a%2Fb%3Fc");
      assert.equal(server.received[1]!.url, "/api/v1/jobs?role=client&limit=5");
    });

    it("sends no body and no content type on a bodiless POST", async () => {
      server.answer({ body: { id: "j" } });
      await new JustPayClient({ baseUrl: server.url, apiKey: "k" }).jobs.accept("j");
      assert.equal(server.received[0]!.method, "POST");
      assert.equal(server.received[0]!.body, "");
      assert.equal(server.received[0]!.headers["content-type"], undefined);
    });
  });

  describe("errors", () => {
    it("a non-2xx answer throws JustPayApiError with the status, the body's error and the body", async () => {
      server.answer({ status: 409, body: { error: "Job is not pending" } });
      const c = new JustPayClient({ baseUrl: server.url, apiKey: "k" });
      const error = await c.jobs.accept("j").then(
        () => assert.fail("should throw"),
        (e: unknown) => e,
      );
      assert.ok(error instanceof JustPayApiError);
      assert.ok(error instanceof Error);
      assert.equal(error.status, 409);
      assert.equal(error.message, "Job is not pending");
      assert.deepEqual(error.body, { error: "Job is not pending" });
      assert.equal(error.retryAfterSeconds, undefined);
    });

    it("a non-JSON error body becomes the message; an empty one the status line", async () => {
      server.answer({ status: 502, body: "Bad gateway from the proxy" }, { status: 500 });
      const c = new JustPayClient({ baseUrl: server.url });
      await assert.rejects(c.stats(), { name: "JustPayApiError", status: 502, message: "Bad gateway from the proxy" });
      await assert.rejects(c.stats(), { status: 500, message: "HTTP 500 Internal Server Error", body: undefined });
    });

    it("a health check answering 503 throws with the checks in the body", async () => {
      server.answer({ status: 503, body: { error: "Not ready: redis (down)", status: "unavailable", checks: {} } });
      await assert.rejects(new JustPayClient({ baseUrl: server.url }).health(), {
        status: 503,
        message: "Not ready: redis (down)",
        body: { error: "Not ready: redis (down)", status: "unavailable", checks: {} },
      });
    });

    it("a network failure rethrows the fetch error as is", async () => {
      const url = server.url;
      await server.stop();
      const failure = await new JustPayClient({ baseUrl: url }).stats().catch((e: unknown) => e);
      assert.ok(failure instanceof TypeError, `got ${String(failure)}`);
      assert.ok(!(failure instanceof JustPayApiError));
    });
  });

  describe("429 and Retry-After", () => {
    it("parses delta-seconds and HTTP dates", () => {
      const now = Date.parse("2030-01-01T00:00:00Z");
      assert.equal(parseRetryAfter("7", now), 7);
      assert.equal(parseRetryAfter(new Date(now + 3000).toUTCString(), now), 3);
      assert.equal(parseRetryAfter(new Date(now - 3000).toUTCString(), now), 0);
      assert.equal(parseRetryAfter(null, now), undefined);
      assert.equal(parseRetryAfter("soon", now), undefined);
    });

    it("waits the Retry-After seconds, then retries with the same Idempotency-Key", async () => {
      server.answer(
        { status: 429, headers: { "retry-after": "1" }, body: { error: "Rate limit exceeded" } },
        {
          body: {
            message: "Withdrawal queued for processing",
            transactionId: "w1",
            fee: "100000",
            netAmount: "4900000",
          },
        },
      );
      const c = new JustPayClient({ baseUrl: server.url, apiKey: "k" });
      const started = Date.now();
      const answer = await c.wallet.withdraw({ amount: 5_000_000 });
      const waited = Date.now() - started;
      assert.equal(answer.netAmount, 4_900_000n);
      assert.equal(server.received.length, 2);
      assert.ok(waited >= 950, `waited ${waited} ms`);
      const [first, second] = server.received.map((r) => r.headers["idempotency-key"]);
      assert.match(String(first), UUID);
      assert.equal(second, first, "the retry is the same call");
      assert.equal(server.received[1]!.body, server.received[0]!.body);
    });

    it("waits until an HTTP-date Retry-After", async () => {
      server.answer(() => ({ status: 429, headers: { "retry-after": new Date(Date.now() + 1000).toUTCString() } }), {
        body: { categories: [] },
      });
      const started = Date.now();
      const answer = await new JustPayClient({ baseUrl: server.url }).services.categories();
      assert.deepEqual(answer, { categories: [] });
      assert.equal(server.received.length, 2);
      // An HTTP date has whole seconds: the wait is up to one second, never much more.
      assert.ok(Date.now() - started < 2500);
    });

    it("gives up after maxRetries and throws the 429 with retryAfterSeconds", async () => {
      server.answer({ status: 429, headers: { "retry-after": "0" }, body: { error: "Rate limit exceeded" } });
      const c = new JustPayClient({ baseUrl: server.url, apiKey: "k", maxRetries: 2 });
      await assert.rejects(c.jobs.create({ type: "direct", serviceId: "s", input: {} }), {
        status: 429,
        message: "Rate limit exceeded",
        retryAfterSeconds: 0,
      });
      assert.equal(server.received.length, 3, "the first try and 2 retries");
      assert.equal(new Set(server.received.map((r) => r.headers["idempotency-key"])).size, 1);
    });

    it("does not retry with maxRetries 0, nor wait out a Retry-After longer than a minute", async () => {
      server.answer({ status: 429, headers: { "retry-after": "3600" }, body: { error: "slow down" } });
      await assert.rejects(new JustPayClient({ baseUrl: server.url, maxRetries: 0 }).stats(), { status: 429 });
      await assert.rejects(new JustPayClient({ baseUrl: server.url }).stats(), { retryAfterSeconds: 3600 });
      assert.equal(server.received.length, 2);
    });
  });

  describe("idempotency keys", () => {
    it("every money call sends one, fresh per call unless the caller passes its own", async () => {
      server.answer({ body: { id: "x", amount: "1" } });
      const c = new JustPayClient({ baseUrl: server.url, apiKey: "k" });
      await c.jobs.create({ type: "direct", serviceId: "s", input: {} });
      await c.jobs.create({ type: "direct", serviceId: "s", input: {} });
      await c.jobs.acceptDelivery("j", { idempotencyKey: "mine-1" });
      await c.jobs.dispute("j", { reason: "quality" });
      await c.wallet.withdraw({ amount: 1 });
      await c.wallet.confirmDeposit();
      await c.wallet.panic();
      await c.campaigns.create({ title: "t", description: "d", category: "c", rewardPerTask: 1000, totalBudget: 5000 });
      await c.campaigns.claim("c1");
      await c.campaigns.topUp("c1", 1000, { idempotencyKey: "mine-2" });
      const keys = server.received.map((r) => r.headers["idempotency-key"]);
      assert.equal(keys[2], "mine-1");
      assert.equal(keys[9], "mine-2");
      for (const i of [0, 1, 3, 4, 5, 6, 7, 8]) assert.match(String(keys[i]), UUID, `call ${i}`);
      assert.notEqual(keys[0], keys[1]);
    });

    it("reads and non-money writes send none", async () => {
      server.answer({ body: {} });
      const c = new JustPayClient({ baseUrl: server.url, apiKey: "k" });
      await c.jobs.get("j");
      await c.jobs.deliver("j", { ok: true });
      await c.services.create({
        name: "n",
        description: "d",
        category: "c",
        inputSchema: {},
        outputSchema: {},
        pricePerJob: 1000n,
      });
      assert.deepEqual(
        server.received.map((r) => r.headers["idempotency-key"]),
        [undefined, undefined, undefined],
      );
      assert.deepEqual(server.json(1), { output: { ok: true } });
      assert.equal((server.json(2) as { pricePerJob: unknown }).pricePerJob, 1000);
    });
  });
});
