import assert from "node:assert/strict";
import {
  WEBHOOK_ATTEMPTS,
  WEBHOOK_BACKOFF_TYPE,
  WEBHOOK_JOB_OPTIONS,
  webhookBackoff,
} from "../../src/webhooks/retry-schedule.js";

describe("webhooks: the retry schedule", () => {
  it("waits 1 s, 4 s, 16 s, 64 s and 256 s after failures 1 to 5, and stops after the sixth attempt", () => {
    // BullMQ passes the attempts made so far; -1 tells it not to retry
    const delays = [1, 2, 3, 4, 5, 6].map((made) => webhookBackoff(made));
    assert.deepEqual(delays, [1_000, 4_000, 16_000, 64_000, 256_000, -1]);
  });

  it("is what every webhook job asks for: six attempts under the custom backoff", () => {
    assert.equal(WEBHOOK_ATTEMPTS, 6);
    assert.equal(WEBHOOK_JOB_OPTIONS.attempts, 6);
    assert.deepEqual(WEBHOOK_JOB_OPTIONS.backoff, { type: WEBHOOK_BACKOFF_TYPE });
  });
});
