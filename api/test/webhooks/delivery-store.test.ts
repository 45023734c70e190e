import assert from "node:assert/strict";
import type { DeliveryAttempt } from "@justpay/db";
import { freshDatabase, type TestDatabase } from "@justpay/indexer/testing";
import { DeliveryListQuerySchema, DeliveryListSchema } from "@justpay/sdk/schemas";
import { DeliveryStore } from "../../src/webhooks/delivery-store.js";
import { deliveryListView } from "../../src/webhooks/delivery-view.js";

describe("webhooks: the delivery log (Postgres)", () => {
  let db: TestDatabase;
  let store: DeliveryStore;
  const attempt = (statusCode: number | null, error: string | null = null): DeliveryAttempt => ({
    at: new Date().toISOString(),
    statusCode,
    latencyMs: 12,
    error,
  });
  const newDelivery = (id: string, agentId = "agent-a") => ({
    id,
    agentId,
    event: "wallet.address_changed",
    data: { address: "Addr1" },
    url: "https://myagent.dev/webhook",
  });

  before(async () => {
    db = await freshDatabase("webhook_deliveries");
    store = new DeliveryStore(db.db.em.getConnection().getKnex(), `"${db.schema}".webhook_deliveries`);
  });
  after(async () => db?.drop());

  it("creates a pending delivery once per id", async () => {
    // Given a delivery created twice under one id
    const first = await store.create(newDelivery("d1"));
    const again = await store.create({ ...newDelivery("d1"), url: "https://other.dev/" });
    // Then there is one row, the first, pending with no attempts
    assert.equal(first.status, "pending");
    assert.deepEqual(first.attempts, []);
    assert.equal(first.replays, 0);
    assert.deepEqual(first.payload, { address: "Addr1" });
    assert.deepEqual(again, first);
  });

  it("appends attempts in order, and only while the series is pending", async () => {
    await store.create(newDelivery("d2"));
    assert.equal(await store.recordAttempt("d2", 0, attempt(500, "the receiver answered 500"), "pending"), true);
    assert.equal(await store.recordAttempt("d2", 0, attempt(200), "delivered"), true);
    // A late job of the same series, or one of another series, writes nothing
    assert.equal(await store.recordAttempt("d2", 0, attempt(200), "delivered"), false);
    assert.equal(await store.recordAttempt("d2", 1, attempt(200), "delivered"), false);
    const row = (await store.get("d2"))!;
    assert.equal(row.status, "delivered");
    assert.deepEqual(
      row.attempts.map((a) => [a.statusCode, a.error]),
      [
        [500, "the receiver answered 500"],
        [200, null],
      ],
    );
  });

  it("reopens a finished delivery as a new series, for its owner only, never while pending", async () => {
    await store.create(newDelivery("d3"));
    assert.equal(await store.reopen("d3"), undefined, "still pending");
    await store.recordAttempt("d3", 0, attempt(404, "the receiver answered 404"), "failed");
    assert.equal(await store.reopen("d3", "agent-b"), undefined, "another agent's");
    const reopened = await store.reopen("d3", "agent-a");
    assert.equal(reopened?.status, "pending");
    assert.equal(reopened?.replays, 1);
    assert.equal(reopened?.attempts.length, 1, "the log keeps earlier attempts");
    assert.equal(await store.reopen("nope"), undefined);
  });

  it("lists an agent's deliveries newest first, a page at a time, in the API's shape", async () => {
    // Given five deliveries for agent-c and one for agent-d
    for (const id of ["c1", "c2", "c3", "c4", "c5"]) await store.create(newDelivery(id, "agent-c"));
    await store.create(newDelivery("d-other", "agent-d"));
    // When the second page of two is asked for
    const page = await store.listForAgent("agent-c", DeliveryListQuerySchema.parse({ page: "2", limit: "2" }));
    // Then it holds the 3rd and 4th newest, and counts all five
    assert.deepEqual(
      page.deliveries.map((d) => d.id),
      ["c3", "c2"],
    );
    const view = DeliveryListSchema.parse(deliveryListView(page));
    assert.deepEqual(view.pagination, { page: 2, limit: 2, total: 5 });
    assert.deepEqual(Object.keys(view.deliveries[0]!).sort(), [
      "attempts",
      "createdAt",
      "data",
      "event",
      "id",
      "replays",
      "status",
      "updatedAt",
      "url",
    ]);
    // A page past the end is empty but still counts
    const beyond = await store.listForAgent("agent-c", { page: 9, limit: 2 });
    assert.deepEqual([beyond.deliveries.length, beyond.total], [0, 5]);
  });

  it("validates the list query like the seed's other lists: page ≥ 1, limit 1..100, defaults 1 and 20", () => {
    assert.deepEqual(DeliveryListQuerySchema.parse({}), { page: 1, limit: 20 });
    assert.deepEqual(DeliveryListQuerySchema.parse({ limit: "100" }), { page: 1, limit: 100 });
    for (const bad of [{ page: "0" }, { limit: "0" }, { limit: "101" }, { page: "x" }])
      assert.equal(DeliveryListQuerySchema.safeParse(bad).success, false, JSON.stringify(bad));
  });

  it("finds pending deliveries left untouched, for re-queueing", async () => {
    await store.create(newDelivery("stale-1"));
    await new Promise((r) => setTimeout(r, 30));
    const stale = await store.stalePending(20);
    assert.ok(stale.some((d) => d.id === "stale-1"));
    assert.ok(!stale.some((d) => d.id === "d2"), "a delivered row is not pending");
    assert.ok(!(await store.stalePending(60_000)).some((d) => d.id === "stale-1"), "too recent");
  });
});
