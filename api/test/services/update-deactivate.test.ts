import assert from "node:assert/strict";
import { createTestAgent, type TestAgent } from "../support/agents.js";
import { startTestApi, type TestApi } from "../support/test-api.js";
import { activatedAgent, listService, serviceRow } from "./support.js";

describe("PATCH and DELETE /api/v1/services/:id", function () {
  this.timeout(120_000);
  let api: TestApi;
  let owner: TestAgent;
  let stranger: TestAgent;
  before(async () => {
    api = await startTestApi({ label: "svc_update" });
    owner = await activatedAgent(api, "owner");
    stranger = await activatedAgent(api, "stranger");
  });
  after(async () => api?.close());

  const patch = (id: string, payload: Record<string, unknown>, agent: TestAgent | null = owner) =>
    api.request({ method: "PATCH", url: `/api/v1/services/${id}`, payload, bearer: agent?.apiKey });
  const remove = (id: string, agent: TestAgent | null = owner) =>
    api.request({ method: "DELETE", url: `/api/v1/services/${id}`, bearer: agent?.apiKey });
  const get = (id: string) => api.request({ method: "GET", url: `/api/v1/services/${id}` });

  describe("update", () => {
    it("changes only the fields sent, keeps the rest, and moves updatedAt", async () => {
      // Given a listed service with a model
      const service = await listService(api, owner, { model: "gpt-4", tags: ["a"] });
      // When its owner changes the price, tags and policy
      const res = await patch(service.id, {
        pricePerJob: 750000,
        tags: ["B", "c"],
        autoAccept: false,
        maxQueueSize: 0,
      });
      // Then those change and nothing else does
      assert.equal(res.statusCode, 200, res.body);
      const updated = res.json();
      assert.deepEqual(
        { ...updated, updatedAt: undefined },
        {
          ...service,
          pricePerJob: "750000",
          tags: ["b", "c"],
          autoAccept: false,
          maxQueueSize: 0,
          updatedAt: undefined,
        },
      );
      assert.ok(updated.updatedAt >= service.updatedAt);
      const row = await serviceRow(api, service.id);
      assert.deepEqual(
        [row.price_per_job, row.tags, row.auto_accept, row.model],
        ["750000", ["b", "c"], false, "gpt-4"],
      );
      // And GET answers the same
      assert.deepEqual((await get(service.id)).json(), updated);
    });

    it("clears optional fields with null and re-checks the merged listing", async () => {
      const service = await listService(api, owner, {
        model: "claude-3",
        modelProvider: "anthropic",
        exampleInput: { text: "hello" },
      });
      const cleared = await patch(service.id, { model: null, modelProvider: null, exampleInput: null });
      assert.equal(cleared.statusCode, 200, cleared.body);
      assert.deepEqual(
        [cleared.json().model, cleared.json().modelProvider, cleared.json().exampleInput],
        [null, null, null],
      );
      // A new inputSchema that the stored example would not match is refused...
      await patch(service.id, { exampleInput: { text: "hello" } });
      const clash = await patch(service.id, {
        inputSchema: { type: "object", properties: { text: { type: "number" } } },
      });
      assert.deepEqual(clash.json(), { error: "exampleInput: does not match inputSchema: /text must be number" });
      // ...as is one that does not compile, and the row is untouched
      const broken = await patch(service.id, { outputSchema: { type: 7 } });
      assert.equal(broken.statusCode, 400);
      assert.match(broken.json().error, /^outputSchema: not a valid JSON Schema/);
      assert.deepEqual((await serviceRow(api, service.id)).input_schema, service.inputSchema);
    });

    it("applies the create limits to each field", async () => {
      const service = await listService(api, owner);
      for (const [field, value] of [
        ["name", "x"],
        ["description", "short"],
        ["maxExecutionTimeSecs", 4],
        ["maxConcurrentJobs", 101],
        ["minClientTrustScore", 1.5],
        ["pricePerJob", 999],
        ["tags", Array.from({ length: 11 }, (_, i) => `t${i}`)],
      ] as const) {
        const res = await patch(service.id, { [field]: value });
        assert.equal(res.statusCode, 400, field);
        assert.match(res.json().error, new RegExp(`^${field}: `));
      }
      assert.deepEqual((await patch(service.id, {})).json(), { error: "body: send at least one field to update" });
    });

    it("answers 404 for an unknown id, 403 for another agent, 401 without a key, 403 unactivated", async () => {
      const service = await listService(api, owner);
      const unknown = await patch("cnosuchservice", { pricePerJob: 2000 });
      assert.equal(unknown.statusCode, 404);
      assert.deepEqual(unknown.json(), { error: "Service not found" });
      const foreign = await patch(service.id, { pricePerJob: 2000 }, stranger);
      assert.equal(foreign.statusCode, 403);
      assert.deepEqual(foreign.json(), { error: "Only the service's provider can change it" });
      assert.equal((await patch(service.id, { pricePerJob: 2000 }, null)).statusCode, 401);
      const unactivated = await createTestAgent(api, "unactivated");
      assert.equal((await patch(service.id, { pricePerJob: 2000 }, unactivated)).statusCode, 403);
      assert.equal((await serviceRow(api, service.id)).price_per_job, "500000");
    });

    it("refuses renaming onto another active service of the same provider with a 409", async () => {
      const first = await listService(api, owner, { name: "Rename Target" });
      const second = await listService(api, owner);
      const res = await patch(second.id, { name: "RENAME target" });
      assert.equal(res.statusCode, 409);
      // Another provider may use the name
      assert.equal((await listService(api, stranger, { name: "Rename Target" })).name, "Rename Target");
      assert.equal((await serviceRow(api, first.id)).name, "Rename Target");
    });
  });

  describe("deactivate", () => {
    it("deactivates for the owner only, keeps the service readable by id, and is idempotent", async () => {
      const service = await listService(api, owner);
      // Strangers and unknown ids are refused
      assert.equal((await remove(service.id, stranger)).statusCode, 403);
      assert.equal((await remove("cnosuchservice")).statusCode, 404);
      assert.equal((await remove(service.id, null)).statusCode, 401);
      assert.equal((await serviceRow(api, service.id)).is_active, true);
      // When the owner deactivates it
      const res = await remove(service.id);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().isActive, false);
      assert.equal((await serviceRow(api, service.id)).is_active, false);
      // Then it is still readable by id, with its status
      const read = await get(service.id);
      assert.equal(read.statusCode, 200);
      assert.equal(read.json().isActive, false);
      // And repeating is harmless
      const again = await remove(service.id);
      assert.equal(again.statusCode, 200);
      assert.equal(again.json().isActive, false);
    });

    it("frees the name, and PATCH isActive: true reactivates unless the name is taken again", async () => {
      const old = await listService(api, owner, { name: "Phoenix" });
      await remove(old.id);
      const successor = await listService(api, owner, { name: "Phoenix" });
      const clash = await patch(old.id, { isActive: true });
      assert.equal(clash.statusCode, 409);
      await remove(successor.id);
      const back = await patch(old.id, { isActive: true });
      assert.equal(back.statusCode, 200, back.body);
      assert.equal(back.json().isActive, true);
      assert.equal((await serviceRow(api, old.id)).is_active, true);
    });
  });

  it("GET /:id answers 404 for an unknown service", async () => {
    const res = await get("cnosuchservice");
    assert.equal(res.statusCode, 404);
    assert.deepEqual(res.json(), { error: "Service not found" });
  });
});
