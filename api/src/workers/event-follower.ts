/**
 * Following the indexed program events (`events`, written by the indexer) in order, with the
 * position kept in `event_cursors` under the follower's name. One pass leases the cursor row
 * (an atomic `update … where` the lease is free or lapsed: a second worker process finds it
 * taken and waits for the next wake), hands each new event of the followed names to `handle`
 * in `(slot, signature, event_index)` order, then moves the cursor past what was handled and
 * ends the lease (`followOnce`). A running follower (`startFollower`) keeps the lease from
 * pass to pass instead, and each pass's claim also writes where the previous one stopped: one
 * statement per pass. A lease rather than a row lock held in a transaction: a pass holds no
 * connection while its handlers use the pool, which matters with the embedded Postgres's one
 * connection. A crash mid-pass leaves the cursor where it was (the lease lapses after 30 s and
 * another process takes over), so delivery is at least once: handlers must be idempotent. A
 * handler may answer `later` (its data is not there yet); the pass then stops at that event and
 * the next one starts from it again.
 *
 * A handler that throws also stops the pass, and the cursor counts the failures. An event that
 * keeps failing, at least `SKIP_AFTER_FAILURES` times over at least `SKIP_AFTER_MS`, is set aside
 * in `skipped_events` (with the last error) and the cursor moves past it: one bad event must not
 * stop every later webhook for good, and an outage of a few minutes must not lose any.
 *
 * Between passes the follower sleeps until the indexer's watermark moves (its in-process
 * watermark, or the slot NOTIFY another process's indexer sends; see
 * api/src/runtime/listening-indexer-view.ts), or `idleMs` at most.
 */
import { randomUUID } from "node:crypto";
import type { AppContext } from "../context.js";

export interface FollowedEvent {
  signature: string;
  event_index: number;
  slot: string;
  name: string;
  data: Record<string, unknown>;
  /** When the indexer recorded it. */
  indexed_at: Date;
  /** How long ago the indexer recorded it, by the database's clock. */
  age_ms: number;
}

export type Handled = "done" | "later";

export interface FollowerOptions {
  /** The cursor's name in `event_cursors`. */
  name: string;
  /** The event names followed; others are passed over. */
  events: readonly string[];
  handle(ctx: AppContext, event: FollowedEvent): Promise<Handled>;
  /** Events per pass (default 200). */
  batch?: number;
  /** Longest sleep between passes when nothing wakes it (default 1 s). */
  idleMs?: number;
  /** Sleep after a handler answered `later` or failed (default 250 ms). */
  retryMs?: number;
}

export interface PassResult {
  handled: number;
  /** Another follower holds the cursor. */
  busy: boolean;
  /** A handler answered `later` or threw: the pass stopped before the batch's end. */
  blocked: boolean;
  /** The batch was full: there may be more right away. */
  full: boolean;
}

const LEASE_MS = 30_000;
export const SKIP_AFTER_FAILURES = 10;
export const SKIP_AFTER_MS = 5 * 60_000;

interface Claimed {
  slot: string;
  signature: string;
  event_index: number;
  failures: number;
  failing_ms: number;
}

/** What the lease statement answers: the cursor, with the first batch of events after it. */
type ClaimedRow = Claimed & { [K in keyof FollowedEvent as `e_${K}`]: FollowedEvent[K] | null };

/** Where a pass left the cursor: the last event it handled, and whether the next one failed. */
interface Handoff {
  last: FollowedEvent | undefined;
  failed: boolean;
}

interface Assignment {
  column: string;
  expr: string;
  params: (string | number)[];
}

/** The cursor columns a handoff sets: moving resets the failure count; `failed` counts one more failure on the next event. */
function handoffAssignments(h: Handoff): Assignment[] {
  const set: Assignment[] = [];
  if (h.last) {
    set.push({ column: "slot", expr: "?::bigint", params: [h.last.slot] });
    set.push({ column: "signature", expr: "?", params: [h.last.signature] });
    set.push({ column: "event_index", expr: "?::int", params: [h.last.event_index] });
    set.push({ column: "updated_at", expr: "now()", params: [] });
  }
  if (h.failed) {
    set.push({ column: "failures", expr: h.last ? "1" : "failures + 1", params: [] });
    set.push({ column: "failing_since", expr: h.last ? "now()" : "coalesce(failing_since, now())", params: [] });
  } else if (h.last) {
    set.push({ column: "failures", expr: "0", params: [] });
    set.push({ column: "failing_since", expr: "null", params: [] });
  }
  return set;
}

/**
 * Leases the cursor for one pass and reads the events after it, in one statement: a pass is
 * one round trip, and passes run after every indexed slot. `handoff`: where this owner's
 * previous pass left off, applied by the same statement, but only while this owner still
 * holds the lease: a lease that lapsed to another follower must not have its cursor moved back.
 * Undefined while another pass holds an unexpired lease.
 */
async function claim(
  ctx: AppContext,
  o: FollowerOptions,
  owner: string,
  batch: number,
  handoff: Handoff = { last: undefined, failed: false },
): Promise<{ cursor: Claimed; events: FollowedEvent[] } | undefined> {
  const moves = handoffAssignments(handoff);
  const moveSql = moves
    .map((m) => `, ${m.column} = case when lease_owner = ? then ${m.expr} else ${m.column} end`)
    .join("");
  const moveParams = moves.flatMap((m) => [owner, ...m.params]);
  const lease = () =>
    ctx.knex.raw(
      `with cursor as (
         update event_cursors set lease_owner = ?, leased_until = now() + ? * interval '1 millisecond'${moveSql}
          where name = ? and (lease_owner is null or leased_until < now() or lease_owner = ?)
          returning slot, signature, event_index, failures,
                    coalesce(extract(epoch from now() - failing_since) * 1000, 0)::float8 as failing_ms)
       select c.slot::text as slot, c.signature, c.event_index, c.failures, c.failing_ms,
              e.signature as e_signature, e.event_index as e_event_index, e.slot::text as e_slot, e.name as e_name,
              e.data as e_data, e.indexed_at as e_indexed_at, e.age_ms as e_age_ms
         from cursor c left join lateral (
           select signature, event_index, slot, name, data, indexed_at,
                  (extract(epoch from now() - indexed_at) * 1000)::float8 as age_ms
             from events
            -- "slot >= c.slot" as well: the row comparison alone cannot use the slot index.
            where slot >= c.slot and name = any(?) and (slot, signature, event_index) > (c.slot, c.signature, c.event_index)
            order by slot, signature, event_index
            limit ?) e on true
        order by e.slot, e.signature, e.event_index`,
      [owner, LEASE_MS, ...moveParams, o.name, owner, [...o.events], batch],
    );
  let { rows } = (await lease()) as { rows: ClaimedRow[] };
  if (!rows[0]) {
    // The row is created on a follower's first pass only, not written on every pass.
    const created = await ctx.knex.raw(`insert into event_cursors (name) values (?) on conflict (name) do nothing`, [
      o.name,
    ]);
    if (!created.rowCount) return undefined;
    ({ rows } = (await lease()) as { rows: ClaimedRow[] });
    if (!rows[0]) return undefined;
  }
  const { slot, signature, event_index, failures, failing_ms } = rows[0];
  const events = rows
    .filter((r) => r.e_signature !== null)
    .map((r) => ({
      signature: r.e_signature!,
      event_index: r.e_event_index!,
      slot: r.e_slot!,
      name: r.e_name!,
      data: r.e_data!,
      indexed_at: r.e_indexed_at!,
      age_ms: r.e_age_ms!,
    }));
  return { cursor: { slot, signature, event_index, failures, failing_ms }, events };
}

/** Applies the handoff and ends the lease, if this owner still holds it. */
async function release(ctx: AppContext, name: string, owner: string, handoff: Handoff) {
  const moves = handoffAssignments(handoff);
  await ctx.knex.raw(
    `update event_cursors set lease_owner = null, leased_until = null${moves.map((m) => `, ${m.column} = ${m.expr}`).join("")}
      where name = ? and lease_owner = ?`,
    [...moves.flatMap((m) => m.params), name, owner],
  );
}

/** Sets an event aside for good; the pass then counts it as handled. */
async function skip(ctx: AppContext, follower: string, event: FollowedEvent, failures: number, err: unknown) {
  ctx.log.error({ err, follower, signature: event.signature, event: event.name, failures }, "event skipped");
  await ctx.knex.raw(
    `insert into skipped_events (follower, slot, signature, event_index, name, failures, error)
     values (?, ?::bigint, ?, ?, ?, ?, ?) on conflict do nothing`,
    [
      follower,
      event.slot,
      event.signature,
      event.event_index,
      event.name,
      failures,
      String((err as Error)?.message ?? err),
    ],
  );
}

/**
 * One pass's handling: the claimed events, in order, until one answers `later` or fails.
 * Progress is written into `handoff` as it goes, so a pass cut short by an error still
 * hands on what it finished.
 */
async function handleClaimed(
  ctx: AppContext,
  o: FollowerOptions,
  { cursor, events }: { cursor: Claimed; events: FollowedEvent[] },
  handoff: Handoff,
  batch: number,
): Promise<PassResult> {
  let handled = 0;
  let blocked = false;
  for (const [i, event] of events.entries()) {
    try {
      if ((await o.handle(ctx, event)) === "later") blocked = true;
    } catch (err) {
      // Only the first event of a pass has a failure history: a later one failed for the first time.
      const failures = i === 0 ? cursor.failures + 1 : 1;
      const failingMs = i === 0 ? cursor.failing_ms : 0;
      if (failures >= SKIP_AFTER_FAILURES && failingMs >= SKIP_AFTER_MS) {
        await skip(ctx, o.name, event, failures, err);
      } else {
        ctx.log.error({ err, follower: o.name, signature: event.signature, event: event.name }, "event handler failed");
        blocked = true;
        handoff.failed = true;
      }
    }
    if (blocked) break;
    handoff.last = event;
    handled += 1;
  }
  return { handled, busy: false, blocked, full: !blocked && events.length === batch };
}

/**
 * One pass: the events after the cursor, handled in order; the cursor moved past them and
 * the lease ended. `owner` names the follower instance holding the lease (one per process and
 * follower).
 */
export async function followOnce(
  ctx: AppContext,
  o: FollowerOptions,
  owner: string = randomUUID(),
): Promise<PassResult> {
  const batch = o.batch ?? 200;
  const claimed = await claim(ctx, o, owner, batch);
  if (!claimed) return { handled: 0, busy: true, blocked: false, full: false };
  const handoff: Handoff = { last: undefined, failed: false };
  try {
    return await handleClaimed(ctx, o, claimed, handoff, batch);
  } finally {
    await release(ctx, o.name, owner, handoff);
  }
}

export interface Follower {
  stop(): Promise<void>;
}

/**
 * Runs passes until stopped: at once while batches come full, else after a wake or a sleep.
 * The running follower keeps its lease between passes (each pass renews it) and hands each
 * pass's progress to the next pass's claim, so a pass costs one statement; stopping writes
 * the last handoff and ends the lease. A follower that dies holds the cursor for the lease's
 * 30 s, after which another process takes over from the last position written.
 */
export function startFollower(ctx: AppContext, o: FollowerOptions): Follower {
  const idleMs = o.idleMs ?? 1_000;
  const owner = randomUUID();
  const retryMs = o.retryMs ?? 250;
  let stopped = false;
  let wakeStop: () => void = () => {};
  const stopping = new Promise<void>((r) => {
    wakeStop = r;
  });
  const sleep = (ms: number) => Promise.race([stopping, new Promise<void>((r) => setTimeout(r, ms).unref())]);
  const untilIndexed = (slot: number) =>
    Promise.race([
      stopping,
      ctx.waitForSlot(slot, idleMs).catch(() => {
        // No new slot within idleMs: poll anyway.
      }),
    ]);

  const batch = o.batch ?? 200;
  /** The previous pass's progress, not yet written: the next claim (or the stop) writes it. */
  let handoff: Handoff | undefined;
  const pass = async (): Promise<PassResult> => {
    const claimed = await claim(ctx, o, owner, batch, handoff);
    if (!claimed) {
      // Another follower holds the cursor (this one's lease lapsed): it will redo that progress.
      handoff = undefined;
      return { handled: 0, busy: true, blocked: false, full: false };
    }
    handoff = { last: undefined, failed: false };
    return handleClaimed(ctx, o, claimed, handoff, batch);
  };

  const loop = async () => {
    while (!stopped) {
      try {
        // Read before the pass: an event indexed during the pass then wakes the wait at once.
        const seen = (await ctx.indexerStatus()).indexedSlot;
        const result = await pass();
        if (stopped || result.full) continue;
        if (result.blocked) await sleep(retryMs);
        else await untilIndexed(seen + 1);
      } catch (err) {
        if (stopped) break;
        ctx.log.error({ err, follower: o.name }, "event follower pass failed");
        await sleep(retryMs);
      }
    }
  };
  const running = loop();
  return {
    async stop() {
      stopped = true;
      wakeStop();
      await running;
      try {
        await release(ctx, o.name, owner, handoff ?? { last: undefined, failed: false });
      } catch (err) {
        // The lease lapses in 30 s and the unwritten progress is handled again: at least once.
        ctx.log.error({ err, follower: o.name }, "event follower could not hand back its cursor");
      }
    },
  };
}
