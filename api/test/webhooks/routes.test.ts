import assert from "node:assert/strict";
import type { WebhookDeliveryRow } from "@justpay/db";
import { Webhook } from "standardwebhooks";
import { notifyAgent } from "../../src/agents/notify.js";
import { verifyJustPaySignature } from "../../src/webhooks/justpay-signature.js";
import { notifyAddressChanged } from "../../src/withdrawals/address-changed-notice.js";
import { eventually } from "../support/eventually.js";
import { type RegisteredAgent, registerViaApi } from "../support/register.js";
import { startTestApi, type TestApi } from "../support/test-api.js";
import { type Received, TestReceiver } from "./receiver.js";

describe("webhooks end to end: notifyAgent, the worker, the delivery log and the secret routes", function () {
  this.timeout(60_000);
  let api: TestApi;
  let receiver: TestReceiver;
  let alice: RegisteredAgent;
  let bob: RegisteredAgent;
  before(async () => {
    // The stack starts every worker module, the webhook worker among them.
    api = await startTestApi({ label: "webhook_routes" });
    receiver = await TestReceiver.start();
    alice = await registerViaApi(api, { callbackUrl: receiver.url("127.0.0.1", "/alice") });
    bob = await registerViaApi(api, { callbackUrl: receiver.url("127.0.0.1", "/bob") });
  });
  beforeEach(() => {
    receiver.reply = () => ({ status: 200 });
  });
  after(async () => {
    await receiver?.close();
    await api?.close();
  });

  const get = (url: string, bearer?: string) => api.request({ method: "GET", url, bearer });
  const post = (url: string, bearer?: string) => api.request({ method: "POST", url, bearer });
  const secretOf = async (agent: RegisteredAgent) =>
    (await get("/api/v1/webhooks/secret", agent.apiKey)).json().secret as string;
  const deliveriesOf = async (agent: RegisteredAgent, query = "") =>
    (await get(`/api/v1/webhooks/deliveries${query}`, agent.apiKey)).json();
  const requestsFor = (id: string) => receiver.received.filter((r) => r.headers["webhook-id"] === id);
  const arrived = (id: string, n = 1) =>
    eventually(`${n} request(s) of delivery ${id}`, async () => {
      const got = requestsFor(id);
      return got.length >= n ? got : undefined;
    });
  const settled = (id: string) =>
    eventually(`delivery ${id} to settle`, async () => {
      const { rows } = await api.ctx.knex.raw(`select * from webhook_deliveries where id = ?`, [id]);
      return rows[0]?.status === "pending" ? undefined : (rows[0] as WebhookDeliveryRow);
    });

  /** Both schemes verify with `secret`; returns the parsed body. */
  function verifiedWith(request: Received, secret: string) {
    const payload = verifyJustPaySignature(request.body, request.headers, secret);
    new Webhook(secret).verify(request.body, request.headers as Record<string, string>);
    return payload;
  }

  describe("notifyAgent", () => {
    it("POSTs {event, data, timestamp} to the callbackUrl, signed with both schemes under the agent's secret", async () => {
      // Given alice's secret
      const secret = await secretOf(alice);
      assert.match(secret, /^whsec_/);
      // When she is notified that her withdrawal address changed
      const data = { previousAddress: null, newAddress: "9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin" };
      const delivery = await notifyAgent(api.ctx, alice.agentId, "wallet.address_changed", data);
      assert.ok(delivery);
      // Then her receiver gets it once, at her path, and both signatures verify
      const [request] = await arrived(delivery.id);
      assert.equal(request!.path, "/alice");
      const payload = verifiedWith(request!, secret);
      assert.equal(payload.event, "wallet.address_changed");
      assert.deepEqual(payload.data, data);
      assert.ok(Math.abs(Date.parse(payload.timestamp) - Date.now()) < 60_000);
      assert.equal(request!.headers["webhook-id"], delivery.id);
      // And the log says delivered, with the 200
      const row = await settled(delivery.id);
      assert.equal(row.status, "delivered");
      assert.equal(row.attempts[0]!.statusCode, 200);
    });

    it("does nothing for an agent without a callbackUrl, or an unknown agent", async () => {
      const quiet = await registerViaApi(api);
      assert.equal(await notifyAgent(api.ctx, quiet.agentId, "wallet.address_changed", {}), undefined);
      assert.equal(await notifyAgent(api.ctx, "cnosuchagent", "wallet.address_changed", {}), undefined);
      const { rows } = await api.ctx.knex.raw(`select count(*) from webhook_deliveries where agent_id = ?`, [
        quiet.agentId,
      ]);
      assert.equal(Number(rows[0].count), 0);
    });

    it("sends to a URL given for the event instead, and a caller's id makes it idempotent", async () => {
      const quiet = await registerViaApi(api);
      const url = receiver.url("127.0.0.1", "/job-hook");
      const id = `job-created-${quiet.agentId}`;
      const first = await notifyAgent(api.ctx, quiet.agentId, "job.created", { jobId: "j1" }, { url, id });
      const again = await notifyAgent(api.ctx, quiet.agentId, "job.created", { jobId: "j1" }, { url, id });
      assert.equal(first?.id, id);
      assert.equal(again?.id, id);
      const [request] = await arrived(id);
      assert.equal(request!.path, "/job-hook");
      // The agent had no secret yet (none was ever read); one was made so the event is signed.
      verifiedWith(request!, await secretOf(quiet));
      await settled(id);
      assert.equal(requestsFor(id).length, 1, "sent once");
    });
  });

  describe("GET /webhooks/deliveries", () => {
    it("lists the agent's own deliveries, newest first, with attempts, paginated", async () => {
      const ids: string[] = [];
      for (const n of [1, 2, 3]) {
        const d = await notifyAgent(api.ctx, bob.agentId, "job.completed", { n });
        ids.push(d!.id);
        await settled(d!.id);
      }
      const page = await deliveriesOf(bob, "?page=1&limit=2");
      assert.deepEqual(page.pagination, { page: 1, limit: 2, total: 3 });
      assert.deepEqual(
        page.deliveries.map((d: { id: string }) => d.id),
        [ids[2], ids[1]],
      );
      const [newest] = page.deliveries;
      assert.equal(newest.event, "job.completed");
      assert.deepEqual(newest.data, { n: 3 });
      assert.equal(newest.url, receiver.url("127.0.0.1", "/bob"));
      assert.equal(newest.status, "delivered");
      assert.equal(newest.attempts.length, 1);
      assert.equal(newest.attempts[0].statusCode, 200);
      assert.equal(typeof newest.attempts[0].latencyMs, "number");
      assert.deepEqual(
        (await deliveriesOf(bob, "?page=2&limit=2")).deliveries.map((d: { id: string }) => d.id),
        [ids[0]],
      );
      // Alice sees none of bob's
      const alices = await deliveriesOf(alice, "?limit=100");
      assert.ok(alices.deliveries.every((d: { id: string }) => !ids.includes(d.id)));
    });

    it("defaults to page 1, limit 20; refuses limit 101; is 401 without a key", async () => {
      assert.deepEqual((await deliveriesOf(bob)).pagination, { page: 1, limit: 20, total: 3 });
      assert.equal((await get("/api/v1/webhooks/deliveries?limit=101", bob.apiKey)).statusCode, 400);
      assert.equal((await get("/api/v1/webhooks/deliveries")).statusCode, 401);
    });
  });

  describe("POST /webhooks/deliveries/:id/replay", () => {
    it("a delivery the receiver refused (4xx, not retried) is sent again on replay, with the same webhook-id", async () => {
      // Given a receiver that answers 410 to the first request
      let refusedOnce = false;
      receiver.reply = () => {
        if (refusedOnce) return { status: 200 };
        refusedOnce = true;
        return { status: 410 };
      };
      const delivery = await notifyAgent(api.ctx, alice.agentId, "job.cancelled", { jobId: "j9" });
      const failed = await settled(delivery!.id);
      assert.equal(failed.status, "failed");
      assert.deepEqual(
        failed.attempts.map((a) => a.statusCode),
        [410],
      );
      // When alice replays it
      const res = await post(`/api/v1/webhooks/deliveries/${delivery!.id}/replay`, alice.apiKey);
      assert.equal(res.statusCode, 202, res.body);
      assert.equal(res.json().message, "Delivery queued for replay");
      assert.equal(res.json().delivery.replays, 1);
      // Then it arrives again with the same id and event, freshly signed
      const requests = await arrived(delivery!.id, 2);
      const payload = verifiedWith(requests[1]!, await secretOf(alice));
      assert.equal(payload.event, "job.cancelled");
      const row = await settled(delivery!.id);
      assert.equal(row.status, "delivered");
      assert.deepEqual(
        row.attempts.map((a) => a.statusCode),
        [410, 200],
      );
    });

    it("replays a wallet.address_changed delivery, whose id is longer than Fastify's default parameter limit", async () => {
      // Given the notice of an address change, keyed by its 88-character transaction signature
      const signature = "5".repeat(88);
      await notifyAddressChanged(api.ctx, alice.agentId, {
        previousAddress: "9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin",
        newAddress: "Fz7bTgbvU4oQ7WcKmD6uG3dJVoCkZsbo1pLQbYCTwS4u",
        cooldownUntil: new Date(Date.now() + 86_400_000).toISOString(),
        signature,
      });
      const id = `address-changed-${signature}`;
      assert.ok(id.length > 100, "the id the route must route");
      await arrived(id);
      await settled(id);
      // When alice replays it
      const res = await post(`/api/v1/webhooks/deliveries/${id}/replay`, alice.apiKey);
      // Then it is accepted (not 414) and sent again under the same webhook-id
      assert.equal(res.statusCode, 202, res.body);
      assert.equal(res.json().delivery.id, id);
      const requests = await arrived(id, 2);
      assert.equal(verifiedWith(requests[1]!, await secretOf(alice)).event, "wallet.address_changed");
      await settled(id);
    });

    it("an unknown delivery, or another agent's, is 404; one still being attempted is 409", async () => {
      assert.equal((await post("/api/v1/webhooks/deliveries/nosuch/replay", alice.apiKey)).statusCode, 404);
      const bobs = await notifyAgent(api.ctx, bob.agentId, "job.completed", {});
      await settled(bobs!.id);
      const stolen = await post(`/api/v1/webhooks/deliveries/${bobs!.id}/replay`, alice.apiKey);
      assert.equal(stolen.statusCode, 404);
      assert.deepEqual(stolen.json(), { error: "Webhook delivery not found" });
      // A receiver that takes its time keeps the delivery pending
      receiver.reply = () => ({ status: 200, delayMs: 1_000 });
      const slow = await notifyAgent(api.ctx, alice.agentId, "job.completed", {});
      const busy = await post(`/api/v1/webhooks/deliveries/${slow!.id}/replay`, alice.apiKey);
      assert.equal(busy.statusCode, 409);
      assert.match(busy.json().error, /still being attempted/);
      await settled(slow!.id);
      assert.equal((await post(`/api/v1/webhooks/deliveries/${slow!.id}/replay`)).statusCode, 401);
    });
  });

  describe("the secret", () => {
    it("is the one stored at registration, and rotating replaces it for every later attempt", async () => {
      // Given alice's current secret, stored on her profile
      const old = await secretOf(alice);
      const stored = async () =>
        (await api.ctx.knex.raw(`select webhook_secret from agents where id = ?`, [alice.agentId])).rows[0]
          .webhook_secret;
      assert.equal(await stored(), old);
      // When she rotates it
      const res = await post("/api/v1/webhooks/secret/rotate", alice.apiKey);
      assert.equal(res.statusCode, 200);
      const fresh = res.json().secret;
      assert.match(fresh, /^whsec_/);
      assert.notEqual(fresh, old);
      assert.equal(await stored(), fresh);
      assert.equal(await secretOf(alice), fresh);
      // Then the next webhook verifies with the new secret and not with the old one
      const delivery = await notifyAgent(api.ctx, alice.agentId, "job.delivered", { jobId: "j2" });
      const [request] = await arrived(delivery!.id);
      verifiedWith(request!, fresh);
      assert.throws(() => verifyJustPaySignature(request!.body, request!.headers, old), /does not match/);
      assert.throws(() => new Webhook(old).verify(request!.body, request!.headers as Record<string, string>));
    });

    it("both secret routes are 401 without a key", async () => {
      assert.equal((await get("/api/v1/webhooks/secret")).statusCode, 401);
      assert.equal((await post("/api/v1/webhooks/secret/rotate")).statusCode, 401);
    });
  });
});
