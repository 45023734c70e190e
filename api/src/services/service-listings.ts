/**
 * Listing, editing and deactivating services (the writes behind POST, PATCH and DELETE
 * /api/v1/services). Only the provider may change its listing: 404 for an unknown id, 403 for
 * anyone else. Deactivation keeps the row: the service leaves discovery and categories but
 * stays readable by id (jobs will point at it), and PATCH `isActive: true` brings it back.
 */

import type { AgentRow } from "@justpay/db";
import type { Knex } from "@mikro-orm/postgresql";
import { forbidden, notFound } from "../http/http-error.js";
import type { CreateServiceFields, UpdateServiceFields } from "./service-fields.js";
import { checkServiceFields, distinctTags } from "./service-rules.js";
import { type ServiceColumns, ServiceStore } from "./service-store.js";
import { type ServiceView, type ServiceWithProvider, serviceView } from "./service-view.js";

/** A whole listing in the request's field names; `null` clears an optional one. */
type ListingFields = Omit<CreateServiceFields, "model" | "modelProvider"> & {
  model?: string | null;
  modelProvider?: string | null;
  isActive?: boolean;
};

function columnsOf(f: ListingFields): ServiceColumns {
  return {
    name: f.name,
    description: f.description,
    category: f.category,
    tags: distinctTags(f.tags),
    input_schema: f.inputSchema,
    output_schema: f.outputSchema,
    example_input: f.exampleInput ?? null,
    example_output: f.exampleOutput ?? null,
    model: f.model ?? null,
    model_provider: f.modelProvider ?? null,
    price_per_job: String(f.pricePerJob),
    max_execution_time_secs: f.maxExecutionTimeSecs,
    auto_accept: f.autoAccept,
    max_concurrent_jobs: f.maxConcurrentJobs,
    queue_enabled: f.queueEnabled,
    max_queue_size: f.maxQueueSize,
    min_client_trust_score: f.minClientTrustScore,
    is_active: f.isActive ?? true,
  };
}

/** A stored listing back in the request's field names, so an update can be merged over it. */
function fieldsOf(row: ServiceWithProvider): ListingFields {
  const view = serviceView(row);
  return { ...view, pricePerJob: Number(view.pricePerJob) };
}

export class ServiceListings {
  private readonly store: ServiceStore;

  constructor(private readonly knex: Knex) {
    this.store = new ServiceStore(knex);
  }

  async get(id: string): Promise<ServiceView> {
    const row = await this.store.find(id);
    if (!row) throw notFound("Service not found");
    return serviceView(row);
  }

  async create(provider: AgentRow, fields: CreateServiceFields): Promise<ServiceView> {
    await checkServiceFields(this.knex, fields);
    const id = await this.store.create(provider.id, columnsOf(fields));
    return this.get(id);
  }

  async update(agent: AgentRow, id: string, patch: UpdateServiceFields): Promise<ServiceView> {
    const current = await this.owned(agent, id);
    // null clears an optional field; absent keeps it.
    const merged = { ...fieldsOf(current), ...patch } as ListingFields;
    await checkServiceFields(this.knex, merged);
    await this.store.update(id, columnsOf(merged), merged.name);
    return this.get(id);
  }

  async deactivate(agent: AgentRow, id: string): Promise<ServiceView> {
    const current = await this.owned(agent, id);
    if (current.is_active) await this.store.update(id, { is_active: false });
    return this.get(id);
  }

  private async owned(agent: AgentRow, id: string): Promise<ServiceWithProvider> {
    const row = await this.store.find(id);
    if (!row) throw notFound("Service not found");
    if (row.agent_id !== agent.id) throw forbidden("Only the service's provider can change it");
    return row;
  }
}
