/**
 * `skipped_events`: indexed program events a follower set aside because its handler kept
 * failing on them (api/src/workers/event-follower.ts). The events themselves stay in `events`;
 * this is the operator's list of what was not handled (a job's webhook not sent, say) and why.
 */
import { EntitySchema } from "@mikro-orm/core";

export interface SkippedEventRow {
  id: string;
  follower: string;
  slot: string;
  signature: string;
  event_index: number;
  name: string;
  failures: number;
  error: string;
  skipped_at: Date;
}

export const SkippedEvent = new EntitySchema<SkippedEventRow>({
  name: "SkippedEvent",
  tableName: "skipped_events",
  properties: {
    id: { type: "bigint", columnType: "bigserial", primary: true, autoincrement: true },
    follower: { type: "string", columnType: "text" },
    slot: { type: "bigint", columnType: "bigint" },
    signature: { type: "string", columnType: "text" },
    event_index: { type: "integer", columnType: "int" },
    name: { type: "string", columnType: "text" },
    failures: { type: "integer", columnType: "int" },
    error: { type: "string", columnType: "text" },
    skipped_at: { type: "Date", columnType: "timestamptz", defaultRaw: "now()" },
  },
  uniques: [{ name: "skipped_events_unique", properties: ["follower", "signature", "event_index"] }],
});
