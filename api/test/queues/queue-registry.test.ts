import assert from "node:assert/strict";
import type { Redis } from "ioredis";
import { QueueRegistry } from "../../src/queues/queue-registry.js";
import { eventually } from "../support/eventually.js";
import { dropPrefix, redisClient, uniquePrefix } from "../support/redis.js";

describe("QueueRegistry.close", () => {
  it("closes the connection each worker was given, so the process can exit", async () => {
    // Given a registry with a running worker
    const redis = redisClient();
    const prefix = uniquePrefix("registry");
    const registry = new QueueRegistry(redis, prefix);
    const worker = registry.worker("probe", async () => "done");
    await worker.waitUntilReady();
    const connection = worker.opts.connection as Redis;
    assert.equal(connection.status, "ready");
    // When the registry closes
    await registry.close();
    // Then the worker's connection is closed too (BullMQ leaves a handed-in connection open)
    await eventually("the worker's connection to end", async () => (connection.status === "end" ? true : undefined));
    await dropPrefix(redis, prefix);
    await redis.quit();
  });
});
