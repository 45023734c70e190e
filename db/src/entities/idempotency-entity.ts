/**
 * The HTTP Idempotency-Key record: per agent and key, what the first request was (a hash of
 * its method, route and body) and the response it got. A replay is answered from here; the
 * lease lets a duplicate take over a request whose process died before it answered.
 */
import { EntitySchema } from "@mikro-orm/core";

export type IdempotencyStatus = "in_progress" | "done";

export interface IdempotencyKeyRow {
  agent_id: string;
  key: string;
  /** Hex SHA-256 of the method, the route and the canonical JSON body. */
  request_hash: string;
  status: IdempotencyStatus;
  response_status: number | null;
  /** The first response's body exactly as it was sent. */
  response_body: string | null;
  /** While in progress: after this, the owner is presumed dead and a duplicate may take over. */
  locked_until: Date;
  created_at: Date;
  updated_at: Date;
}

export const IdempotencyKey = new EntitySchema<IdempotencyKeyRow>({
  name: "IdempotencyKey",
  tableName: "idempotency_keys",
  properties: {
    agent_id: { type: "string", columnType: "text", primary: true },
    key: { type: "string", columnType: "text", primary: true },
    request_hash: { type: "string", columnType: "text" },
    status: { type: "string", columnType: "text" },
    response_status: { type: "integer", columnType: "int", nullable: true },
    response_body: { type: "text", columnType: "text", nullable: true },
    locked_until: { type: "Date", columnType: "timestamptz" },
    created_at: { type: "Date", columnType: "timestamptz", defaultRaw: "now()" },
    updated_at: { type: "Date", columnType: "timestamptz", defaultRaw: "now()" },
  },
});
