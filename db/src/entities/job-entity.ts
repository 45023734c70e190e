/**
 * A job as the API knows it: who hired whom through which service, the input and output
 * (which never go on-chain), and the on-chain job account that holds the money. The money
 * and the job's chain status are the mirror's (`chain_job`, `events`); this row adds what the
 * chain does not keep.
 *
 * `phase` is the API's own bookkeeping: `creating` until create_job landed, `live` while the
 * on-chain job exists, `settled` once it closed (`outcome` then holds the program's
 * `JobOutcome`), `failed` when create_job was refused (nothing was locked).
 *
 * An open job (`type: "open"`) has no service, and no provider until the client accepts an
 * application; it carries the marketplace fields (title, category, description) and the end
 * of its application window (`apply_by` on-chain).
 */
import { EntitySchema } from "@mikro-orm/core";

export type JobPhase = "creating" | "live" | "settled" | "failed";

export interface JobRow {
  id: string;
  type: "direct" | "open";
  /** Null for open jobs. */
  service_id: string | null;
  client_agent_id: string;
  /** Null while an open job has nobody assigned. */
  provider_agent_id: string | null;
  title: string | null;
  category: string | null;
  description: string | null;
  /** Open jobs: the end of the application window (apply_by on-chain). */
  apply_by: Date | null;
  /** The client-chosen u64 of the job PDA, as a decimal string. */
  chain_id: string;
  /** The job account's address. */
  job_pubkey: string;
  input: unknown;
  output: unknown;
  /** Hex sha256 of the output's canonical JSON, as committed by mark_delivered. */
  output_hash: string | null;
  callback_url: string | null;
  amount: string;
  fee: string;
  phase: JobPhase;
  /**
   * Waiting for a free slot of the service (its funds are locked on-chain already, as a Funded
   * job); shown as `queued` until promoted in creation order.
   */
  queued: boolean;
  /** The program's JobOutcome once settled (Released, AutoReleased, Cancelled, Expired, …). */
  outcome: string | null;
  error: string | null;
  idempotency_key: string | null;
  /** deliver_by on-chain, as a time: the seed's `expiresAt`. */
  expires_at: Date;
  delivered_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export const Job = new EntitySchema<JobRow>({
  name: "Job",
  tableName: "jobs",
  properties: {
    id: { type: "string", columnType: "text", primary: true },
    type: { type: "string", columnType: "text" },
    service_id: { type: "string", columnType: "text", nullable: true },
    client_agent_id: { type: "string", columnType: "text" },
    provider_agent_id: { type: "string", columnType: "text", nullable: true },
    title: { type: "string", columnType: "text", nullable: true },
    category: { type: "string", columnType: "text", nullable: true },
    description: { type: "string", columnType: "text", nullable: true },
    apply_by: { type: "Date", columnType: "timestamptz", nullable: true },
    chain_id: { type: "string", columnType: "numeric(20,0)" },
    job_pubkey: { type: "string", columnType: "text" },
    input: { type: "json", columnType: "jsonb" },
    output: { type: "json", columnType: "jsonb", nullable: true },
    output_hash: { type: "string", columnType: "text", nullable: true },
    callback_url: { type: "string", columnType: "text", nullable: true },
    amount: { type: "string", columnType: "numeric(20,0)" },
    fee: { type: "string", columnType: "numeric(20,0)" },
    phase: { type: "string", columnType: "text" },
    queued: { type: "boolean", columnType: "boolean", default: false },
    outcome: { type: "string", columnType: "text", nullable: true },
    error: { type: "string", columnType: "text", nullable: true },
    idempotency_key: { type: "string", columnType: "text", nullable: true },
    expires_at: { type: "Date", columnType: "timestamptz" },
    delivered_at: { type: "Date", columnType: "timestamptz", nullable: true },
    created_at: { type: "Date", columnType: "timestamptz", defaultRaw: "now()" },
    updated_at: { type: "Date", columnType: "timestamptz", defaultRaw: "now()" },
  },
  indexes: [
    { name: "jobs_client_index", properties: ["client_agent_id", "created_at"] },
    { name: "jobs_provider_index", properties: ["provider_agent_id", "created_at"] },
    { name: "jobs_service_phase_index", properties: ["service_id", "phase"] },
    { name: "jobs_job_pubkey_index", properties: ["job_pubkey"] },
    { name: "jobs_type_apply_by_index", properties: ["type", "apply_by"] },
  ],
  uniques: [{ name: "jobs_client_key_unique", properties: ["client_agent_id", "idempotency_key"] }],
});
