/**
 * The `services` table: writes, and reads of one listing joined with its provider's name and
 * reputation. Raw SQL through the shared knex, like the rest of the API. Discovery builds on
 * `selectServices` (service-discovery.ts) so every route answers the same columns.
 */

import type { ServiceRow } from "@justpay/db";
import type { Knex } from "@mikro-orm/postgresql";
import { newId } from "../db/ids.js";
import { conflict } from "../http/http-error.js";
import { pendingReportsSql } from "../reports/warning.js";
import { reputationColumns } from "./provider-reputation.js";
import type { ServiceWithProvider } from "./service-view.js";

const UNIQUE_VIOLATION = "23505";
const ACTIVE_NAME_UNIQUE = "services_active_name_unique";

/** Every column but the search vector, which only discovery's SQL reads. */
const COLUMNS = [
  "id",
  "agent_id",
  "name",
  "description",
  "category",
  "tags",
  "input_schema",
  "output_schema",
  "example_input",
  "example_output",
  "model",
  "model_provider",
  "price_per_job",
  "max_execution_time_secs",
  "auto_accept",
  "max_concurrent_jobs",
  "queue_enabled",
  "max_queue_size",
  "min_client_trust_score",
  "is_active",
  "created_at",
  "updated_at",
] as const;

export type ServiceColumns = Omit<ServiceRow, "id" | "agent_id" | "created_at" | "updated_at">;

/** The provider reputation's columns in `selectServices`, as expressions to filter or sort on. */
export const REPUTATION = reputationColumns("ar");

/**
 * `services s` with its provider `a` and the provider's `agent_reputation` row `ar` (left
 * joined: the relation of provider-reputation.ts, read through its column expressions without
 * a second pass over `agents`), selecting what `serviceView` needs.
 */
export function selectServices(knex: Knex): Knex.QueryBuilder {
  return knex
    .from("services as s")
    .join("agents as a", "a.id", "s.agent_id")
    .leftJoin("agent_reputation as ar", "ar.agent_id", "s.agent_id")
    .select(
      ...COLUMNS.map((c) => `s.${c}`),
      "a.name as provider_name",
      knex.raw("a.verified_at is not null as provider_verified"),
      knex.raw(`${pendingReportsSql("s.agent_id")} as provider_pending_reports`),
      knex.raw(`${REPUTATION.trust_score} as trust_score`),
      knex.raw(`${REPUTATION.rating} as rating`),
      knex.raw(`${REPUTATION.completed_jobs} as completed_jobs`),
    );
}

/** jsonb columns go in as JSON text: pg would send a JS array as a Postgres array. */
function toDb(columns: Partial<ServiceColumns>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...columns };
  for (const key of ["input_schema", "output_schema", "example_input", "example_output"] as const)
    if (key in columns) out[key] = columns[key] === null ? null : JSON.stringify(columns[key]);
  return out;
}

/** A second active listing with the same name is the provider's mistake, not a server fault. */
async function refusingTwins<T>(name: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    const pg = e as { code?: string; constraint?: string };
    if (pg.code === UNIQUE_VIOLATION && pg.constraint === ACTIVE_NAME_UNIQUE)
      throw conflict(`You already have an active service named ${JSON.stringify(name ?? "")}`);
    throw e;
  }
}

export class ServiceStore {
  constructor(private readonly knex: Knex) {}

  async find(id: string): Promise<ServiceWithProvider | undefined> {
    return (await selectServices(this.knex).where("s.id", id).first()) as ServiceWithProvider | undefined;
  }

  async create(agentId: string, columns: ServiceColumns): Promise<string> {
    const id = newId();
    await refusingTwins(columns.name, () => this.knex("services").insert({ id, agent_id: agentId, ...toDb(columns) }));
    return id;
  }

  async update(id: string, columns: Partial<ServiceColumns>, name?: string): Promise<void> {
    await refusingTwins(name, () =>
      this.knex("services")
        .where({ id })
        .update({ ...toDb(columns), updated_at: this.knex.fn.now() }),
    );
  }
}
