import assert from "node:assert/strict";
import { IDL } from "@justpay/sdk";
import { z } from "zod";
import { conflict, HttpError } from "../../src/http/http-error.js";
import { PROGRAM_ERROR_STATUS } from "../../src/http/program-error-status.js";
import { defineRoutes } from "../../src/routes/route-module.js";
import { BODY_LIMIT_BYTES } from "../../src/server.js";
import { createTestAgent, depositInstruction, type TestAgent } from "../support/agents.js";
import { startTestApi, type TestApi } from "../support/test-api.js";

/** Routes that fail in each way a real route can, so the handler's answers can be checked. */
const probes = defineRoutes("probes", "/probe", async (app) => {
  app.post(
    "/validate",
    {
      schema: {
        body: z.object({
          name: z.string().min(2).max(50),
          capabilities: z.array(z.string().max(10)).max(20).optional(),
          email: z.email().optional(),
        }),
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).optional() }),
      },
    },
    async (request) => ({ name: request.body.name }),
  );
  app.get("/boom", async () => {
    throw new Error("connect ECONNREFUSED postgres://admin:hunter2@db.internal:5432");
  });
  app.get("/conflict", async () => {
    throw conflict("Name already taken");
  });
  app.get("/retry-later", async () => {
    throw new HttpError(429, "Slow down", { "retry-after": "7" });
  });
  app.get("/bad-response", { schema: { response: { 200: z.object({ count: z.number() }) } } }, async () => {
    return { count: "many" } as never;
  });
  app.post("/program-error/:agentId", async (request) => {
    const { agentId } = request.params as { agentId: string };
    const agent = agents.get(agentId)!;
    await api.chain.mintUsdc(agent.wallet.publicKey, 1_000_000n);
    // A real refusal by the program: depositing zero is InvalidAmount.
    await app.ctx.tx.execute(`probe-deposit-zero:${agentId}`, "deposit", [await depositInstruction(api, agent, 0)]);
    return { unreachable: true };
  });
  app.post("/idempotency/:agentId", async (request) => {
    const { agentId } = request.params as { agentId: string };
    const agent = agents.get(agentId)!;
    await api.chain.mintUsdc(agent.wallet.publicKey, 3_000_000n);
    await app.ctx.tx.execute("probe-same-key", "deposit", [await depositInstruction(api, agent, 1_000_000)]);
    // The same key for different instructions must not execute.
    await app.ctx.tx.execute("probe-same-key", "deposit", [await depositInstruction(api, agent, 2_000_000)]);
    return { unreachable: true };
  });
});

let api: TestApi;
const agents = new Map<string, TestAgent>();

describe("API error answers", function () {
  this.timeout(60_000);
  before(async () => {
    api = await startTestApi({ label: "errors", routes: [probes] });
  });
  after(async () => api?.close());

  const post = (url: string, payload: unknown) => api.request({ method: "POST", url, payload: payload as object });
  const postRaw = (contentType: string, payload: string) =>
    api.request({ method: "POST", url: "/probe/validate", headers: { "content-type": contentType }, payload });

  describe("validation (400 naming the field)", () => {
    it("names a too-short string field with its limit", async () => {
      const res = await post("/probe/validate", { name: "a" });
      assert.equal(res.statusCode, 400);
      assert.deepEqual(res.json(), { error: "name: String must contain at least 2 character(s)" });
    });

    it("names a missing required field", async () => {
      const res = await post("/probe/validate", { capabilities: [] });
      assert.deepEqual(res.json(), { error: "name: Required" });
    });

    it("names a nested array element by its path, and every failing field", async () => {
      const res = await post("/probe/validate", {
        name: "ok",
        capabilities: ["fine", "far-too-long-value"],
        email: "x",
      });
      assert.equal(res.statusCode, 400);
      assert.deepEqual(res.json(), {
        error: "capabilities.1: String must contain at most 10 character(s); email: Invalid email",
      });
    });

    it("names a query parameter outside its range", async () => {
      const res = await post("/probe/validate?limit=101", { name: "ok" });
      assert.deepEqual(res.json(), { error: "limit: Number must be less than or equal to 100" });
    });

    it("says so when the body is missing entirely", async () => {
      const res = await api.request({ method: "POST", url: "/probe/validate" });
      assert.equal(res.statusCode, 400);
      assert.deepEqual(res.json(), { error: "body: Required (send a JSON object)" });
    });

    it("answers malformed JSON with 400", async () => {
      const res = await postRaw("application/json", '{"name": "ok",');
      assert.equal(res.statusCode, 400);
      assert.deepEqual(res.json(), { error: "Malformed JSON in request body" });
    });

    it("answers a non-JSON content type with 415 and says what to send", async () => {
      const res = await postRaw("text/xml", "<name>ok</name>");
      assert.equal(res.statusCode, 415);
      assert.deepEqual(res.json(), { error: 'Unsupported Content-Type "text/xml": send application/json' });
    });

    it("answers an oversized body with 413 and the limit", async () => {
      const res = await post("/probe/validate", { name: "x".repeat(BODY_LIMIT_BYTES) });
      assert.equal(res.statusCode, 413);
      assert.deepEqual(res.json(), { error: `Request body is too large (limit ${BODY_LIMIT_BYTES} bytes)` });
    });
  });

  it("answers an unknown route with 404 in the error shape", async () => {
    const res = await api.request({ method: "GET", url: "/api/v1/nothing-here?x=1" });
    assert.equal(res.statusCode, 404);
    assert.deepEqual(res.json(), { error: "Route GET /api/v1/nothing-here not found" });
  });

  it("answers an unexpected failure with 500 and no detail: no stack, no message, no secrets", async () => {
    const res = await api.request({ method: "GET", url: "/probe/boom" });
    assert.equal(res.statusCode, 500);
    assert.deepEqual(res.json(), { error: "Internal server error" });
    assert.doesNotMatch(res.body, /hunter2|ECONNREFUSED|at /);
  });

  it("answers a response that breaks its own schema with a plain 500", async () => {
    const res = await api.request({ method: "GET", url: "/probe/bad-response" });
    assert.equal(res.statusCode, 500);
    assert.deepEqual(res.json(), { error: "Internal server error" });
  });

  it("sends a route's HttpError with its status, message and headers", async () => {
    const taken = await api.request({ method: "GET", url: "/probe/conflict" });
    assert.equal(taken.statusCode, 409);
    assert.deepEqual(taken.json(), { error: "Name already taken" });
    const slow = await api.request({ method: "GET", url: "/probe/retry-later" });
    assert.equal(slow.statusCode, 429);
    assert.equal(slow.headers["retry-after"], "7");
  });

  describe("program errors", () => {
    let agent: TestAgent;
    before(async () => {
      agent = await createTestAgent(api);
      agents.set(agent.id, agent);
    });

    it("maps a real program refusal by its IDL name to its status, with the IDL message", async () => {
      // Given a registered agent; When the program refuses a zero deposit
      const res = await api.request({ method: "POST", url: `/probe/program-error/${agent.id}` });
      // Then InvalidAmount is a 400 carrying the IDL's message, and the outbox recorded the failure
      assert.equal(res.statusCode, 400);
      assert.deepEqual(res.json(), { error: "Amount is zero or outside the allowed range" });
      const { rows } = await api.ctx.knex.raw("select status, error_name from tx_intents where key = ?", [
        `probe-deposit-zero:${agent.id}`,
      ]);
      assert.deepEqual(rows, [{ status: "failed", error_name: "InvalidAmount" }]);
    });

    it("answers an idempotency key reused for another request with 409, executing nothing twice", async () => {
      const res = await api.request({ method: "POST", url: `/probe/idempotency/${agent.id}` });
      assert.equal(res.statusCode, 409);
      assert.deepEqual(res.json(), { error: "This Idempotency-Key was already used for a different request" });
      const { rows } = await api.ctx.knex.raw("select count(*)::int as n from tx_intents where key = 'probe-same-key'");
      assert.equal(rows[0].n, 1);
    });

    it("places every IDL error in the status table, each as 400, 403, 404 or 409", () => {
      const names = IDL.errors.map((e) => e.name).sort();
      assert.deepEqual(Object.keys(PROGRAM_ERROR_STATUS).sort(), names);
      for (const status of Object.values(PROGRAM_ERROR_STATUS)) assert.ok([400, 403, 404, 409].includes(status));
    });
  });
});
