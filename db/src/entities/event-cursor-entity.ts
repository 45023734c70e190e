/**
 * `event_cursors`: how far a follower of the indexed program events (`events`) has got, by
 * name. The position is the last event handled, as `(slot, signature, event_index)`, the
 * order the followers read `events` in. One row per follower. A pass leases the row
 * (`lease_owner` until `leased_until`), which keeps two worker processes from handling the same
 * events at once without holding a connection for the pass (api/src/workers/event-follower.ts).
 * `failures` and `failing_since` count the handler's consecutive failures on the next event,
 * so that one event failing for good is set aside (`skipped_events`) instead of stopping the
 * follower for ever.
 */
import { EntitySchema } from "@mikro-orm/core";

export interface EventCursorRow {
  name: string;
  /** -1 before the first event. */
  slot: string;
  signature: string;
  event_index: number;
  /** The follower instance running a pass, if any. */
  lease_owner: string | null;
  /** When that pass's lease lapses (a crashed pass is taken over after it). */
  leased_until: Date | null;
  /** Consecutive handler failures on the event after the position; 0 once it moves. */
  failures: number;
  /** When those failures began. */
  failing_since: Date | null;
  updated_at: Date;
}

export const EventCursor = new EntitySchema<EventCursorRow>({
  name: "EventCursor",
  tableName: "event_cursors",
  properties: {
    name: { type: "string", columnType: "text", primary: true },
    slot: { type: "bigint", columnType: "bigint", default: -1 },
    signature: { type: "string", columnType: "text", default: "" },
    event_index: { type: "integer", columnType: "int", default: -1 },
    lease_owner: { type: "string", columnType: "text", nullable: true },
    leased_until: { type: "Date", columnType: "timestamptz", nullable: true },
    failures: { type: "integer", columnType: "int", default: 0 },
    failing_since: { type: "Date", columnType: "timestamptz", nullable: true },
    updated_at: { type: "Date", columnType: "timestamptz", defaultRaw: "now()" },
  },
});
