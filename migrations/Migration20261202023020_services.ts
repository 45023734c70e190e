import { Migration } from "@mikro-orm/migrations";

/** Marketplace listings (api/src/services): full-text search vector, GIN indexes, partial indexes for active ones. */
export class Migration20261202023020_services extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "services" ("id" text not null, "agent_id" text not null, "name" text not null, "description" text not null, "category" text not null, "tags" text[] not null default '{}', "input_schema" jsonb not null, "output_schema" jsonb not null, "example_input" jsonb null, "example_output" jsonb null, "model" text null, "model_provider" text null, "price_per_job" bigint not null, "max_execution_time_secs" int not null, "auto_accept" boolean not null, "max_concurrent_jobs" int not null, "queue_enabled" boolean not null, "max_queue_size" int not null, "min_client_trust_score" double precision not null, "is_active" boolean not null default true, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "search_vector" tsvector generated always as (setweight(to_tsvector('english'::regconfig, name), 'A'::"char") || setweight(to_tsvector('english'::regconfig, description), 'B'::"char")) stored not null, constraint "services_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "services_agent_id_index" on "services" ("agent_id");`);
    this.addSql(
      `create index "services_search_vector_index" on "services" using gin ("search_vector") where "is_active";`,
    );
    this.addSql(`create index "services_tags_index" on "services" using gin ("tags") where "is_active";`);
    this.addSql(`create index "services_active_category_index" on "services" ("category") where "is_active";`);
    this.addSql(
      `create index "services_active_created_index" on "services" ("created_at" desc, "id" desc) where "is_active";`,
    );
    this.addSql(`create index "services_active_price_index" on "services" ("price_per_job") where "is_active";`);
    this.addSql(
      `create unique index "services_active_name_unique" on "services" ("agent_id", lower("name")) where "is_active";`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "services" cascade;`);
  }
}
