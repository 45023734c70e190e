import assert from "node:assert/strict";
import { MAX_PRICE_PER_JOB } from "../../src/services/service-fields.js";
import { createTestAgent, type TestAgent } from "../support/agents.js";
import { startTestApi, type TestApi } from "../support/test-api.js";
import { activatedAgent, postService, serviceRow, validService } from "./support.js";

describe("POST /api/v1/services", function () {
  this.timeout(120_000);
  let api: TestApi;
  let provider: TestAgent;
  before(async () => {
    api = await startTestApi({ label: "svc_create" });
    provider = await activatedAgent(api, "provider");
  });
  after(async () => api?.close());

  const create = (payload: Record<string, unknown>) => postService(api, provider, payload);

  it("lists a service with the seed's fields, answers it as stored, with the defaults applied", async () => {
    // Given the seed's example request (no optional policy fields)
    const body = validService({ name: "GPT-4 Text Summarizer", tags: ["Summarization", "nlp", "gpt-4", "NLP"] });
    // When the activated provider posts it
    const res = await create(body);
    // Then it is created with the seed's defaults, the price as a string, and the provider's standing
    assert.equal(res.statusCode, 201, res.body);
    const service = res.json();
    assert.match(service.id, /^c[0-9a-z]+$/);
    assert.deepEqual(
      { ...service, id: undefined, createdAt: undefined, updatedAt: undefined },
      {
        id: undefined,
        agentId: provider.id,
        name: "GPT-4 Text Summarizer",
        description: body.description,
        category: "text-processing",
        tags: ["summarization", "nlp", "gpt-4"],
        inputSchema: body.inputSchema,
        outputSchema: body.outputSchema,
        exampleInput: null,
        exampleOutput: null,
        model: null,
        modelProvider: null,
        pricePerJob: "500000",
        maxExecutionTimeSecs: 300,
        autoAccept: true,
        maxConcurrentJobs: 5,
        queueEnabled: true,
        maxQueueSize: 20,
        minClientTrustScore: 0,
        isActive: true,
        createdAt: undefined,
        updatedAt: undefined,
        provider: {
          id: provider.id,
          name: "provider",
          verified: false,
          trustScore: 0.4,
          rating: null,
          completedJobs: 0,
          warning: null,
        },
      },
    );
    // And the row holds the same
    const row = await serviceRow(api, service.id);
    assert.equal(row.agent_id, provider.id);
    assert.equal(row.price_per_job, "500000");
    assert.deepEqual(row.tags, ["summarization", "nlp", "gpt-4"]);
    assert.deepEqual(row.input_schema, body.inputSchema);
    assert.equal(row.max_execution_time_secs, 300);
    assert.equal(row.is_active, true);
    assert.match(row.search_vector, /'summar':/);
  });

  it("stores every optional field as given, examples that match their schemas included", async () => {
    const res = await create(
      validService({
        category: "  Text-Processing ",
        exampleInput: { text: "A long text", maxBullets: 3 },
        exampleOutput: { bullets: ["short"] },
        model: "gpt-4",
        modelProvider: "openai",
        maxExecutionTimeSecs: 60,
        autoAccept: false,
        maxConcurrentJobs: 7,
        queueEnabled: false,
        maxQueueSize: 0,
        minClientTrustScore: 0.5,
      }),
    );
    assert.equal(res.statusCode, 201, res.body);
    const s = res.json();
    assert.equal(s.category, "text-processing");
    assert.deepEqual(s.exampleInput, { text: "A long text", maxBullets: 3 });
    assert.deepEqual(s.exampleOutput, { bullets: ["short"] });
    assert.deepEqual(
      [s.model, s.modelProvider, s.maxExecutionTimeSecs, s.autoAccept, s.maxConcurrentJobs],
      ["gpt-4", "openai", 60, false, 7],
    );
    assert.deepEqual([s.queueEnabled, s.maxQueueSize, s.minClientTrustScore], [false, 0, 0.5]);
    const row = await serviceRow(api, s.id);
    assert.deepEqual(
      [row.model, row.model_provider, row.auto_accept, row.min_client_trust_score],
      ["gpt-4", "openai", false, 0.5],
    );
  });

  describe("limits, each at both boundaries", () => {
    const cases: [field: string, ok: unknown[], refused: unknown[]][] = [
      ["name", ["ab", "n".repeat(100)], ["a", " a ", "n".repeat(101)]],
      ["description", ["d".repeat(10), "d".repeat(2000)], ["d".repeat(9), "d".repeat(2001)]],
      ["category", ["ab", "c".repeat(50)], ["a", "c".repeat(51)]],
      [
        "tags",
        [[], Array.from({ length: 10 }, (_, i) => `t${i}`)],
        [Array.from({ length: 11 }, (_, i) => `t${i}`), [""], ["t".repeat(51)]],
      ],
      ["model", ["m", "m".repeat(100)], ["", "m".repeat(101)]],
      ["modelProvider", ["p", "p".repeat(100)], ["", "p".repeat(101)]],
      ["pricePerJob", [1000, MAX_PRICE_PER_JOB], [999, 0, MAX_PRICE_PER_JOB + 1, 1000.5, "500000"]],
      ["maxExecutionTimeSecs", [5, 3600], [4, 3601, 60.5]],
      ["maxConcurrentJobs", [1, 100], [0, 101]],
      ["maxQueueSize", [0, 1000], [-1, 1001]],
      ["minClientTrustScore", [0, 1, 0.75], [-0.01, 1.01]],
      ["autoAccept", [true, false], ["yes"]],
      ["queueEnabled", [true, false], [1]],
    ];
    for (const [field, ok, refused] of cases) {
      it(`${field}: accepts ${ok.map((v) => JSON.stringify(v).slice(0, 12)).join(", ")}; refuses the rest with a 400 naming it`, async () => {
        for (const value of ok) {
          const res = await create(validService({ [field]: value }));
          assert.equal(res.statusCode, 201, `${field}=${JSON.stringify(value).slice(0, 40)}: ${res.body}`);
        }
        for (const value of refused) {
          const res = await create(validService({ [field]: value }));
          assert.equal(res.statusCode, 400, `${field}=${JSON.stringify(value).slice(0, 40)}`);
          assert.match(res.json().error, new RegExp(`^${field}(\\.\\d+)?: `), res.body);
        }
      });
    }

    it("says which limit was passed, in the seed's error shape", async () => {
      assert.deepEqual((await create(validService({ name: "a" }))).json(), {
        error: "name: String must contain at least 2 character(s)",
      });
      assert.deepEqual((await create(validService({ maxExecutionTimeSecs: 3601 }))).json(), {
        error: "maxExecutionTimeSecs: Number must be less than or equal to 3600",
      });
      assert.deepEqual((await create(validService({ pricePerJob: 999 }))).json(), {
        error: "pricePerJob: Number must be greater than or equal to 1000 (the platform's minimum job amount)",
      });
    });

    it("requires name, description, category, inputSchema, outputSchema and pricePerJob", async () => {
      for (const field of ["name", "description", "category", "inputSchema", "outputSchema", "pricePerJob"]) {
        const res = await create(validService({ [field]: undefined }));
        assert.equal(res.statusCode, 400, field);
        assert.deepEqual(res.json(), { error: `${field}: Required` });
      }
    });
  });

  describe("JSON Schemas", () => {
    it("refuses a schema ajv cannot compile with a 400 naming the field and the reason", async () => {
      const bad = await create(validService({ inputSchema: { type: "strin" } }));
      assert.equal(bad.statusCode, 400);
      assert.match(bad.json().error, /^inputSchema: not a valid JSON Schema: schema is invalid: data\/type must be/);
      const badRef = await create(validService({ outputSchema: { $ref: "https://example.com/remote.json" } }));
      assert.equal(badRef.statusCode, 400);
      assert.match(badRef.json().error, /^outputSchema: not a valid JSON Schema: can't resolve reference/);
      const badPattern = await create(validService({ inputSchema: { type: "string", pattern: "(" } }));
      assert.equal(badPattern.statusCode, 400);
      assert.match(badPattern.json().error, /^inputSchema: not a valid JSON Schema: .*Invalid regular expression/);
      const notObject = await create(validService({ inputSchema: "string" }));
      assert.deepEqual(notObject.json(), { error: "inputSchema: Expected record, received string" });
      // And nothing was stored
      const { rows } = await api.ctx.knex.raw("select count(*)::int as n from services where input_schema = ?::jsonb", [
        JSON.stringify({ type: "strin" }),
      ]);
      assert.equal(rows[0].n, 0);
    });

    it("accepts formats (ajv-formats), 2020-12 schemas and unknown annotation keywords", async () => {
      for (const inputSchema of [
        { type: "object", properties: { url: { type: "string", format: "uri" }, at: { format: "date-time" } } },
        { $schema: "https://json-schema.org/draft/2020-12/schema", prefixItems: [{ type: "string" }] },
        { type: "object", example: { a: 1 }, "x-vendor": true },
      ]) {
        const res = await create(validService({ inputSchema }));
        assert.equal(res.statusCode, 201, res.body);
      }
      const unknownFormat = await create(validService({ inputSchema: { type: "string", format: "nope" } }));
      assert.equal(unknownFormat.statusCode, 400);
      assert.match(unknownFormat.json().error, /^inputSchema: not a valid JSON Schema: unknown format "nope"/);
    });

    it("bounds a schema's size and depth", async () => {
      let deep: Record<string, unknown> = { type: "string" };
      for (let i = 0; i < 40; i++) deep = { type: "array", items: deep };
      const tooDeep = await create(validService({ inputSchema: deep }));
      assert.equal(tooDeep.statusCode, 400);
      assert.equal(tooDeep.json().error, "inputSchema: schema is nested too deeply (at most 32 levels)");
      // Deep enough to overflow a recursive walk: still a 400, not a crash
      const abyss = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
      const payload = JSON.stringify(validService({ exampleInput: "ABYSS" })).replace('"ABYSS"', abyss);
      const overflow = await api.request({
        method: "POST",
        url: "/api/v1/services",
        payload,
        headers: { "content-type": "application/json" },
        bearer: provider.apiKey,
      });
      assert.equal(overflow.statusCode, 400, overflow.body);
      assert.deepEqual(overflow.json(), { error: "exampleInput: nested too deeply (at most 32 levels)" });
      const huge = { type: "object", description: "x".repeat(33 * 1024) };
      const tooBig = await create(validService({ outputSchema: huge }));
      assert.equal(tooBig.statusCode, 400);
      assert.match(tooBig.json().error, /^outputSchema: schema is too large \(\d+ bytes of JSON, at most 32768\)$/);
    });

    it("refuses examples that do not match their schemas, naming the failing path", async () => {
      const res = await create(validService({ exampleInput: { text: 5 } }));
      assert.deepEqual(res.json(), { error: "exampleInput: does not match inputSchema: /text must be string" });
      const out = await create(validService({ exampleOutput: { bullets: "one" } }));
      assert.deepEqual(out.json(), { error: "exampleOutput: does not match outputSchema: /bullets must be array" });
    });
  });

  describe("who may list", () => {
    it("answers 401 without a key and 403 with how to activate for an unactivated agent", async () => {
      const anonymous = await api.request({ method: "POST", url: "/api/v1/services", payload: validService() });
      assert.equal(anonymous.statusCode, 401);
      const newcomer = await createTestAgent(api, "newcomer");
      const res = await postService(api, newcomer, validService());
      assert.equal(res.statusCode, 403);
      assert.match(res.json().error, /^Agent not activated\. Send at least 1 USDC/);
      const { rows } = await api.ctx.knex.raw("select count(*)::int as n from services where agent_id = ?", [
        newcomer.id,
      ]);
      assert.equal(rows[0].n, 0);
    });

    it("refuses a second active service with the same name (any case) with a 409", async () => {
      const first = await create(validService({ name: "Unique Lister" }));
      assert.equal(first.statusCode, 201);
      const twin = await create(validService({ name: "unique LISTER" }));
      assert.equal(twin.statusCode, 409);
      assert.deepEqual(twin.json(), { error: 'You already have an active service named "unique LISTER"' });
    });
  });
});
