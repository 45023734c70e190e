/**
 * The transaction outbox. An intent is written before anything is sent, and its signed bytes
 * are written before they are broadcast, so after a crash the row says exactly what may
 * have reached the chain.
 */
import { EntitySchema } from "@mikro-orm/core";

export type IntentStatus =
  /** Written; nothing has been signed or sent. */
  | "pending"
  /** Signed bytes are stored and may have been broadcast. */
  | "signed"
  /** Landed and succeeded. */
  | "confirmed"
  /** Landed and failed: it executed (fees paid) but changed no program state. */
  | "failed"
  /** Given up before it could ever land. */
  | "voided";

export interface TxIntentRow {
  key: string;
  label: string;
  status: IntentStatus;
  instructions: unknown;
  signers: string[];
  signature: string | null;
  tx_bytes: Buffer | null;
  attempts: number;
  slot: string | null;
  error_code: number | null;
  error_name: string | null;
  error: string | null;
  lease_until: Date | null;
  created_at: Date;
  updated_at: Date;
}

export const TxIntent = new EntitySchema<TxIntentRow>({
  name: "TxIntent",
  tableName: "tx_intents",
  properties: {
    key: { type: "string", columnType: "text", primary: true },
    label: { type: "string", columnType: "text" },
    status: { type: "string", columnType: "text", index: "tx_intents_status_index" },
    instructions: { type: "json", columnType: "jsonb" },
    signers: { type: "string[]", columnType: "text[]" },
    signature: { type: "string", columnType: "text", nullable: true, unique: "tx_intents_signature_unique" },
    tx_bytes: { type: "Buffer", columnType: "bytea", nullable: true },
    attempts: { type: "integer", columnType: "int", default: 0 },
    slot: { type: "bigint", columnType: "bigint", nullable: true },
    error_code: { type: "integer", columnType: "int", nullable: true },
    error_name: { type: "string", columnType: "text", nullable: true },
    error: { type: "string", columnType: "text", nullable: true },
    lease_until: { type: "Date", columnType: "timestamptz", nullable: true },
    created_at: { type: "Date", columnType: "timestamptz", defaultRaw: "now()" },
    updated_at: { type: "Date", columnType: "timestamptz", defaultRaw: "now()" },
  },
});
