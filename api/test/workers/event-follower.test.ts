/**
 * The follower of the indexed program events (api/src/workers/event-follower.ts) over real
 * events: in order, from its persisted cursor, stopping at an event its handler is not ready
 * for and starting from it again, skipping a cursor another follower leased, and the job
 * handler's retry of an event whose job row is not there yet.
 */
import assert from "node:assert/strict";
import { handleJobEvent, MISSING_ROW_GRACE_MS } from "../../src/jobs/job-event-notices.js";
import {
  type FollowedEvent,
  type FollowerOptions,
  followOnce,
  SKIP_AFTER_FAILURES,
  SKIP_AFTER_MS,
  startFollower,
} from "../../src/workers/event-follower.js";
import { fundedAgent } from "../jobs/support.js";
import { startTestApi, type TestApi } from "../support/test-api.js";

describe("event follower", () => {
  let api: TestApi;
  before(async () => {
    api = await startTestApi({ label: "event_follower" });
    // Two registrations and two deposits on-chain, indexed
    await fundedAgent(api, "follow-a");
    await fundedAgent(api, "follow-b");
  });
  after(() => api?.close());

  const indexed = async (names: string[]) => {
    const { rows } = await api.ctx.knex.raw(
      `select signature, event_index from events where name = any(?) order by slot, signature, event_index`,
      [names],
    );
    return rows.map((r: { signature: string; event_index: number }) => `${r.signature}/${r.event_index}`);
  };
  const key = (e: FollowedEvent) => `${e.signature}/${e.event_index}`;
  /** A follower of Deposited that passes every 50 ms when idle and records what it handles. */
  const recordingFollower = (name: string) => {
    const seen: string[] = [];
    const follower: FollowerOptions = {
      name,
      events: ["Deposited"],
      idleMs: 50,
      handle: async (_ctx, e) => {
        seen.push(key(e));
        return "done";
      },
    };
    return { seen, follower };
  };

  it("hands the followed events over in order, once, and resumes after an event answered `later`", async () => {
    // Given a follower of AgentRegistered and Deposited that is not ready for the third event once
    const expected = await indexed(["AgentRegistered", "Deposited"]);
    assert.equal(expected.length, 4);
    const seen: string[] = [];
    let refused = false;
    const follower: FollowerOptions = {
      name: "probe-order",
      events: ["AgentRegistered", "Deposited"],
      async handle(_ctx, e) {
        if (seen.length === 2 && !refused) {
          refused = true;
          return "later";
        }
        seen.push(key(e));
        return "done";
      },
    };

    // When it passes once
    const first = await followOnce(api.ctx, follower);

    // Then it handled two and stopped at the third
    assert.deepEqual(first, { handled: 2, busy: false, blocked: true, full: false });
    assert.deepEqual(seen, expected.slice(0, 2));

    // When it passes again, and once more with nothing new
    const second = await followOnce(api.ctx, follower);
    const third = await followOnce(api.ctx, follower);

    // Then it went on from the refused event, and every event was handled once in order
    assert.deepEqual(second, { handled: 2, busy: false, blocked: false, full: false });
    assert.deepEqual(third, { handled: 0, busy: false, blocked: false, full: false });
    assert.deepEqual(seen, expected);
  });

  it("a full batch says so, and a handler that throws holds the cursor at its event", async () => {
    // Given a follower with batches of one whose handler fails once on the second event
    let calls = 0;
    const seen: string[] = [];
    const follower: FollowerOptions = {
      name: "probe-batch",
      events: ["Deposited"],
      batch: 1,
      async handle(_ctx, e) {
        calls += 1;
        if (calls === 2) throw new Error("redis down");
        seen.push(key(e));
        return "done";
      },
    };
    // When it passes four times
    const passes = [];
    for (let i = 0; i < 4; i += 1) passes.push(await followOnce(api.ctx, follower));

    // Then: full, blocked by the failure, full again (the retried event), then nothing
    assert.deepEqual(
      passes.map((p) => [p.handled, p.blocked, p.full]),
      [
        [1, false, true],
        [0, true, false],
        [1, false, true],
        [0, false, false],
      ],
    );
    assert.deepEqual(seen, await indexed(["Deposited"]));
  });

  it("sets aside an event that keeps failing for minutes, and keeps one that failed only briefly", async () => {
    // Given a follower whose handler always fails on the first Deposited event
    const [poison, ...rest] = await indexed(["Deposited"]);
    const seen: string[] = [];
    const follower: FollowerOptions = {
      name: "probe-poison",
      events: ["Deposited"],
      async handle(_ctx, e) {
        if (key(e) === poison) throw new Error("malformed for good");
        seen.push(key(e));
        return "done";
      },
    };
    const cursor = async () =>
      (await api.ctx.knex("event_cursors").where({ name: "probe-poison" }).first("failures", "failing_since")) as {
        failures: number;
        failing_since: Date | null;
      };

    // When it fails SKIP_AFTER_FAILURES times within a moment
    for (let i = 0; i < SKIP_AFTER_FAILURES; i++) {
      assert.equal((await followOnce(api.ctx, follower)).blocked, true);
    }
    // Then the event is still held: a short outage loses nothing
    assert.equal((await cursor()).failures, SKIP_AFTER_FAILURES);
    assert.deepEqual(seen, []);

    // When those failures began more than SKIP_AFTER_MS ago and it fails once more
    await api.ctx
      .knex("event_cursors")
      .where({ name: "probe-poison" })
      .update({ failing_since: api.ctx.knex.raw(`now() - (? * interval '1 millisecond')`, [SKIP_AFTER_MS + 1000]) });
    const pass = await followOnce(api.ctx, follower);

    // Then it is recorded in skipped_events with its error, the rest are handled, the count resets
    assert.deepEqual(pass, { handled: 2, busy: false, blocked: false, full: false });
    assert.deepEqual(seen, rest);
    const { rows } = await api.ctx.knex.raw(
      `select signature || '/' || event_index as key, failures, error from skipped_events where follower = ?`,
      ["probe-poison"],
    );
    assert.deepEqual(rows, [{ key: poison, failures: SKIP_AFTER_FAILURES + 1, error: "malformed for good" }]);
    assert.deepEqual(await cursor(), { failures: 0, failing_since: null });
  });

  it("skips a cursor another follower has leased, and takes over a lease that lapsed", async () => {
    // Given a follower's cursor leased by another follower mid-pass
    const follower: FollowerOptions = { name: "probe-busy", events: ["Deposited"], handle: async () => "done" };
    const lease = (until: string) =>
      api.ctx.knex.raw(
        `update event_cursors set slot = -1, signature = '', event_index = -1,
                lease_owner = 'other-process', leased_until = now() + ?::interval where name = ?`,
        [until, follower.name],
      );
    await followOnce(api.ctx, follower);
    await lease("1 minute");

    // When it passes, Then it is busy and handled nothing
    assert.deepEqual(await followOnce(api.ctx, follower), { handled: 0, busy: true, blocked: false, full: false });

    // When the other's lease lapsed (it crashed mid-pass), Then the pass takes over and handles the events
    await lease("-1 second");
    assert.equal((await followOnce(api.ctx, follower)).handled, 2);
    // And it ended its own lease
    const { rows } = await api.ctx.knex.raw(`select lease_owner from event_cursors where name = ?`, [follower.name]);
    assert.equal(rows[0].lease_owner, null);
  });

  it("a running follower keeps its lease between passes, hands its progress to the next claim, and writes it on stop", async () => {
    // Given a running follower of Deposited
    const expected = await indexed(["Deposited"]);
    const { seen, follower } = recordingFollower("probe-held");
    const cursor = async () =>
      (
        await api.ctx.knex.raw(`select signature, event_index, lease_owner from event_cursors where name = ?`, [
          follower.name,
        ])
      ).rows[0];
    const running = startFollower(api.ctx, follower);
    try {
      // When it has handled both events and passed again (idle passes every 50 ms)
      for (let i = 0; i < 100 && seen.length < expected.length; i++) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 200));
      // Then it still holds the lease, and a later pass's claim wrote the position it reached
      const held = await cursor();
      assert.ok(held.lease_owner, "the lease is kept between passes");
      assert.equal(`${held.signature}/${held.event_index}`, expected.at(-1));
      // And another follower of the same cursor is kept out
      assert.equal((await followOnce(api.ctx, follower)).busy, true);
    } finally {
      await running.stop();
    }
    // When stopped, Then the lease is ended at the last event, and each event was handled once
    const released = await cursor();
    assert.equal(released.lease_owner, null);
    assert.equal(`${released.signature}/${released.event_index}`, expected.at(-1));
    assert.deepEqual(seen, expected);
  });

  it("a follower whose cursor another process took over neither moves it nor ends its lease", async () => {
    // Given a running follower whose lease another process took over after it lapsed
    const { seen, follower } = recordingFollower("probe-lapsed");
    const running = startFollower(api.ctx, follower);
    try {
      for (let i = 0; i < 100 && seen.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
      // The other process rewinds the cursor (it is replaying from the start) and holds it
      await api.ctx.knex.raw(
        `update event_cursors set slot = -1, signature = '', event_index = -1,
                lease_owner = 'other-process', leased_until = now() + interval '1 minute' where name = ?`,
        [follower.name],
      );
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      await running.stop();
    }
    // Then neither its passes nor its stop moved the other's cursor
    const { rows } = await api.ctx.knex.raw(
      `select slot::int as slot, event_index, lease_owner from event_cursors where name = ?`,
      [follower.name],
    );
    assert.deepEqual(rows[0], { slot: -1, event_index: -1, lease_owner: "other-process" });
  });

  it("a job event whose job row is not there is retried, then passed over once old", async () => {
    // Given a JobSettled event for an account no job row names
    const event = (ageMs: number): FollowedEvent => ({
      signature: "sig",
      event_index: 0,
      slot: "1",
      name: "JobSettled",
      data: { job: "11111111111111111111111111111112" },
      indexed_at: new Date(),
      age_ms: ageMs,
    });

    // Then it is `later` while fresh and `done` once past the grace period
    assert.equal(await handleJobEvent(api.ctx, event(10)), "later");
    assert.equal(await handleJobEvent(api.ctx, event(MISSING_ROW_GRACE_MS + 1)), "done");
  });
});
