import assert from "node:assert/strict";
import type { WebhookDeliveryRow } from "@justpay/db";
import { freshDatabase, type TestDatabase } from "@justpay/indexer/testing";
import { Job } from "bullmq";
import type { Redis } from "ioredis";
import { Webhook } from "standardwebhooks";
import { DeliveryStore } from "../../src/webhooks/delivery-store.js";
import { WEBHOOK_QUEUE, webhookJobId } from "../../src/webhooks/jobs.js";
import { verifyJustPaySignature } from "../../src/webhooks/justpay-signature.js";
import { DeliveryInProgressError, DeliveryNotFoundError, WebhookQueue } from "../../src/webhooks/queue.js";
import { WEBHOOK_RETRY_DELAYS_MS } from "../../src/webhooks/retry-schedule.js";
import { generateWebhookSecret } from "../../src/webhooks/secrets.js";
import { createWebhookWorker, type WebhookWorkerOptions } from "../../src/webhooks/worker.js";
import { eventually } from "../support/eventually.js";
import { dropPrefix, REDIS_CONNECTION, redisClient, uniquePrefix } from "../support/redis.js";
import { TestReceiver } from "./receiver.js";

describe("webhooks: the BullMQ queue and worker (real Redis, Postgres and HTTP receiver)", function () {
  this.timeout(30_000);
  let db: TestDatabase;
  let store: DeliveryStore;
  let redis: Redis;
  let receiver: TestReceiver;
  let prefix: string;
  let webhooks: WebhookQueue;
  let stopWorker: () => Promise<void>;
  let secret: string;
  const agentId = "agent-1";

  /** A worker for this test; loopback is allowed unless the test says otherwise. */
  function startWorker(o: Partial<WebhookWorkerOptions> = {}): void {
    const worker = createWebhookWorker({
      connection: REDIS_CONNECTION,
      prefix,
      store,
      resolveSecret: async (id) => (id === agentId ? secret : undefined),
      allowHttp: true,
      allowPrivate: true,
      ...o,
    });
    stopWorker = () => worker.close();
  }

  const delivery = (id: string) => store.get(id) as Promise<WebhookDeliveryRow>;
  const settled = (id: string) =>
    eventually(`delivery ${id} to finish`, async () => {
      const row = await delivery(id);
      return row.status === "pending" ? undefined : row;
    });
  const jobOf = async (row: WebhookDeliveryRow) =>
    (await Job.fromId(webhooks.queue, webhookJobId(row.id, row.replays)))!;
  /** Waits for the job to sit in the delayed set after its n-th attempt; returns when it is due. */
  const delayedAfterAttempt = async (row: WebhookDeliveryRow, n: number) => {
    const jobId = webhookJobId(row.id, row.replays);
    return eventually(`attempt ${n} to be scheduled for retry`, async () => {
      const current = await delivery(row.id);
      if (current.attempts.length !== n || (await webhooks.queue.getJobState(jobId)) !== "delayed") return undefined;
      const score = Number(await redis.zscore(`${prefix}:${WEBHOOK_QUEUE}:delayed`, jobId));
      // BullMQ keeps the due time in the score's high bits (score = due ms × 4096 + order).
      return { dueAt: Math.floor(score / 0x1000), job: await jobOf(current), attempts: current.attempts };
    });
  };

  before(async () => {
    db = await freshDatabase("webhook_worker");
    store = new DeliveryStore(db.db.em.getConnection().getKnex(), `"${db.schema}".webhook_deliveries`);
    redis = redisClient();
    receiver = await TestReceiver.start();
  });
  beforeEach(() => {
    prefix = uniquePrefix("webhooks");
    webhooks = new WebhookQueue({ connection: REDIS_CONNECTION, prefix, store });
    secret = generateWebhookSecret();
    receiver.received.length = 0;
    receiver.reply = () => ({ status: 200 });
  });
  afterEach(async () => {
    await stopWorker?.();
    await webhooks.queue.obliterate({ force: true });
    await webhooks.close();
    await dropPrefix(redis, prefix);
  });
  after(async () => {
    await receiver.close();
    redis.disconnect();
    await db?.drop();
  });

  it("delivers on a 2xx, signed with both schemes, and logs the status code and latency", async () => {
    // Given a receiver that answers 204 after 40 ms
    receiver.reply = () => ({ status: 204, delayMs: 40 });
    startWorker();
    // When a webhook is queued
    const queued = await webhooks.enqueue({
      agentId,
      event: "wallet.address_changed",
      data: { a: 1 },
      url: receiver.url(),
    });
    const row = await settled(queued.id);
    // Then it was POSTed once, and both signatures verify over the raw body
    assert.equal(receiver.received.length, 1);
    const [{ body, headers, path }] = receiver.received as [(typeof receiver.received)[0]];
    assert.equal(path, "/hook");
    assert.equal(headers["content-type"], "application/json");
    assert.equal(headers["user-agent"], "JustPay-Webhooks/1");
    const payload = verifyJustPaySignature(body, headers, secret);
    assert.deepEqual([payload.event, payload.data], ["wallet.address_changed", { a: 1 }]);
    const std = new Webhook(secret).verify(body, headers as Record<string, string>);
    assert.deepEqual(std, JSON.parse(body));
    assert.equal(headers["webhook-id"], queued.id);
    // And the log says delivered, with one attempt carrying the status and a latency of ≥ 40 ms
    assert.equal(row.status, "delivered");
    assert.equal(row.attempts.length, 1);
    const [attempt] = row.attempts as [(typeof row.attempts)[0]];
    assert.equal(attempt.statusCode, 204);
    assert.equal(attempt.error, null);
    assert.ok(attempt.latencyMs >= 40 && attempt.latencyMs < 5_000, `latency ${attempt.latencyMs}`);
    assert.equal(await webhooks.queue.getJobState(queued.id), "completed");
  });

  it("makes one delivery and one job of a webhook queued twice under one id", async () => {
    startWorker();
    const w = { id: "evt-42", agentId, event: "wallet.address_changed", data: {}, url: receiver.url() };
    const [a, b] = await Promise.all([webhooks.enqueue(w), webhooks.enqueue(w)]);
    assert.equal(a.id, b.id);
    await settled("evt-42");
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(receiver.received.length, 1);
    assert.equal((await delivery("evt-42")).attempts.length, 1);
  });

  it("does not retry a 4xx: one attempt, the job fails as unrecoverable", async () => {
    receiver.reply = () => ({ status: 410 });
    startWorker();
    const queued = await webhooks.enqueue({ agentId, event: "job.created", data: {}, url: receiver.url() });
    const row = await settled(queued.id);
    assert.equal(row.status, "failed");
    assert.deepEqual(
      row.attempts.map((a) => [a.statusCode, a.error]),
      [[410, "the receiver answered 410"]],
    );
    await eventually("the job to fail", async () =>
      (await webhooks.queue.getJobState(queued.id)) === "failed" ? true : undefined,
    );
    const job = await jobOf(row);
    assert.equal(job.attemptsMade, 1);
    assert.equal(job.failedReason, "the receiver answered 410");
    assert.equal(await webhooks.queue.getDelayedCount(), 0);
    assert.equal(receiver.received.length, 1);
  });

  it("does not follow a redirect, nor retry it", async () => {
    receiver.reply = (n) =>
      n === 0 ? { status: 302, headers: { location: receiver.url("127.0.0.1", "/elsewhere") } } : { status: 200 };
    startWorker();
    const queued = await webhooks.enqueue({ agentId, event: "job.created", data: {}, url: receiver.url() });
    const row = await settled(queued.id);
    assert.equal(row.status, "failed");
    assert.match(row.attempts[0]?.error ?? "", /answered 302; redirects are not followed/);
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(
      receiver.received.map((r) => r.path),
      ["/hook"],
    );
  });

  it("retries a 5xx after 1 s, 4 s, 16 s, 64 s and 256 s (read from BullMQ's delayed set), then gives up", async () => {
    // Given a receiver that always answers 503
    receiver.reply = () => ({ status: 503 });
    startWorker();
    const queued = await webhooks.enqueue({ agentId, event: "job.created", data: {}, url: receiver.url() });
    for (const [i, expected] of WEBHOOK_RETRY_DELAYS_MS.entries()) {
      // When attempt i+1 fails
      const { dueAt, job, attempts } = await delayedAfterAttempt(queued, i + 1);
      // Then BullMQ holds the job for exactly the schedule's delay, counted from that attempt
      assert.equal(job.delay, expected, `delay after attempt ${i + 1}`);
      const attemptStart = Date.parse(attempts[i]!.at);
      assert.ok(
        dueAt - attemptStart >= expected && dueAt - attemptStart < expected + 2_000,
        `due ${dueAt - attemptStart} ms after attempt ${i + 1}, expected ${expected}`,
      );
      assert.equal((await delivery(queued.id)).status, "pending");
      // (instead of waiting out the delay, the test moves the job forward)
      await job.promote();
    }
    // And the sixth attempt is the last: the delivery fails with six logged 503s
    const row = await settled(queued.id);
    assert.equal(row.status, "failed");
    assert.deepEqual(
      row.attempts.map((a) => a.statusCode),
      [503, 503, 503, 503, 503, 503],
    );
    assert.ok(row.attempts.every((a) => a.latencyMs >= 0 && a.error === "the receiver answered 503"));
    await eventually("the job to fail", async () =>
      (await webhooks.queue.getJobState(queued.id)) === "failed" ? true : undefined,
    );
    assert.equal((await jobOf(row)).attemptsMade, 6);
    assert.equal(receiver.received.length, 6);
  });

  it("signs a retry with the secret current at send time (rotation applies to retries)", async () => {
    receiver.reply = (n) => ({ status: n === 0 ? 500 : 200 });
    startWorker();
    const oldSecret = secret;
    const queued = await webhooks.enqueue({ agentId, event: "job.created", data: {}, url: receiver.url() });
    const { job } = await delayedAfterAttempt(queued, 1);
    // When the agent rotates its secret before the retry
    secret = generateWebhookSecret();
    await job.promote();
    // Then the retry verifies with the new secret only, under the same webhook-id
    assert.equal((await settled(queued.id)).status, "delivered");
    const retry = receiver.received[1]!;
    assert.equal(verifyJustPaySignature(retry.body, retry.headers, secret).event, "job.created");
    assert.throws(() => verifyJustPaySignature(retry.body, retry.headers, oldSecret), /does not match/);
    assert.equal(retry.headers["webhook-id"], receiver.received[0]!.headers["webhook-id"]);
  });

  it("retries a receiver that does not answer within the timeout", async () => {
    receiver.reply = () => ({ status: 200, delayMs: 1_000 });
    startWorker({ timeoutMs: 150 });
    const queued = await webhooks.enqueue({ agentId, event: "job.created", data: {}, url: receiver.url() });
    const { job, attempts } = await delayedAfterAttempt(queued, 1);
    assert.equal(job.delay, 1_000);
    assert.equal(attempts[0]?.statusCode, null);
    assert.equal(attempts[0]?.error, "no response within 150 ms");
    assert.ok((attempts[0]?.latencyMs ?? 0) >= 150);
  });

  it("retries when nothing listens at the URL", async () => {
    startWorker();
    const closed = await TestReceiver.start();
    await closed.close();
    const queued = await webhooks.enqueue({ agentId, event: "job.created", data: {}, url: closed.url() });
    const { attempts } = await delayedAfterAttempt(queued, 1);
    assert.match(attempts[0]?.error ?? "", /ECONNREFUSED/);
  });

  it("re-checks the URL at delivery time: a host now resolving to loopback is refused, not retried, and not sent", async () => {
    // Given a worker that does not allow private addresses, and a URL that resolves to loopback
    startWorker({ allowPrivate: false });
    const url = receiver.url("localhost");
    // When it is delivered
    const queued = await webhooks.enqueue({ agentId, event: "job.created", data: {}, url });
    const row = await settled(queued.id);
    // Then the delivery fails at once with the guard's reason, and the receiver saw nothing
    assert.equal(row.status, "failed");
    assert.equal(row.attempts.length, 1);
    assert.equal(row.attempts[0]?.statusCode, null);
    assert.match(
      row.attempts[0]?.error ?? "",
      /^callbackUrl is not allowed: localhost resolves to .*a loopback address/,
    );
    await eventually("the job to fail", async () =>
      (await webhooks.queue.getJobState(queued.id)) === "failed" ? true : undefined,
    );
    assert.equal((await jobOf(row)).attemptsMade, 1);
    assert.equal(receiver.received.length, 0);
  });

  it("gives up when the agent has no webhook secret any more", async () => {
    startWorker();
    const queued = await webhooks.enqueue({
      agentId: "agent-gone",
      event: "job.created",
      data: {},
      url: receiver.url(),
    });
    const row = await settled(queued.id);
    assert.equal(row.status, "failed");
    assert.equal(row.attempts[0]?.error, "agent agent-gone has no webhook secret");
    assert.equal(receiver.received.length, 0);
  });

  it("replays a finished delivery as a new series with the same webhook-id, for its owner only", async () => {
    startWorker();
    const queued = await webhooks.enqueue({ agentId, event: "job.completed", data: { n: 1 }, url: receiver.url() });
    await settled(queued.id);
    // When the owner replays it
    const replayed = await webhooks.replayDelivery(queued.id, agentId);
    assert.equal(replayed.status, "pending");
    assert.equal(replayed.replays, 1);
    const row = await settled(queued.id);
    // Then it is sent again, signed afresh, and the log holds both attempts
    assert.equal(row.status, "delivered");
    assert.equal(row.attempts.length, 2);
    assert.equal(receiver.received.length, 2);
    assert.equal(receiver.received[1]!.headers["webhook-id"], queued.id);
    assert.equal(
      verifyJustPaySignature(receiver.received[1]!.body, receiver.received[1]!.headers, secret).event,
      "job.completed",
    );
    // And nobody else can replay it; an unknown id is not found
    await assert.rejects(webhooks.replayDelivery(queued.id, "agent-2"), DeliveryNotFoundError);
    await assert.rejects(webhooks.replayDelivery("no-such-delivery"), DeliveryNotFoundError);
  });

  it("refuses to replay a delivery that is still being attempted", async () => {
    receiver.reply = () => ({ status: 500 });
    startWorker();
    const queued = await webhooks.enqueue({ agentId, event: "job.created", data: {}, url: receiver.url() });
    await delayedAfterAttempt(queued, 1);
    await assert.rejects(webhooks.replayDelivery(queued.id, agentId), DeliveryInProgressError);
  });

  it("re-queues a pending delivery whose job was lost, and a job of an old series sends nothing", async () => {
    startWorker();
    // Given a delivery row written without its job (a crash between the two)
    await store.create({ id: "lost-job", agentId, event: "job.created", data: {}, url: receiver.url() });
    // When pending deliveries are resumed
    assert.ok((await webhooks.resumePending(0)) >= 1);
    // Then it is delivered once, even if resumed again
    await settled("lost-job");
    await webhooks.resumePending(0);
    // And a stray job of series 0 after a replay to series 1 is ignored
    await store.reopen("lost-job");
    await webhooks.queue.add("job.created", { deliveryId: "lost-job", replays: 0 }, { jobId: "stray" });
    await eventually("the stray job to finish", async () =>
      (await webhooks.queue.getJobState("stray")) === "completed" ? true : undefined,
    );
    assert.equal((await Job.fromId(webhooks.queue, "stray"))?.returnvalue, "stale");
    // (earlier tests' unfinished deliveries were resumed too; count only this one)
    assert.equal(receiver.received.filter((r) => r.headers["webhook-id"] === "lost-job").length, 1);
  });
});
