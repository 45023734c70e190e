import { Migration } from "@mikro-orm/migrations";

/** Jobs the API brokers (api/src/jobs/job-entity.ts); their money lives in chain_job. */
export class Migration20261202025643_jobs extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "jobs" ("id" text not null, "type" text not null, "service_id" text not null, "client_agent_id" text not null, "provider_agent_id" text not null, "chain_id" numeric(20,0) not null, "job_pubkey" text not null, "input" jsonb not null, "output" jsonb null, "output_hash" text null, "callback_url" text null, "amount" numeric(20,0) not null, "fee" numeric(20,0) not null, "phase" text not null, "queued" boolean not null default false, "outcome" text null, "error" text null, "idempotency_key" text null, "expires_at" timestamptz not null, "delivered_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "jobs_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "jobs_client_index" on "jobs" ("client_agent_id", "created_at");`);
    this.addSql(`create index "jobs_provider_index" on "jobs" ("provider_agent_id", "created_at");`);
    this.addSql(`create index "jobs_service_phase_index" on "jobs" ("service_id", "phase");`);
    this.addSql(`create index "jobs_job_pubkey_index" on "jobs" ("job_pubkey");`);
    this.addSql(
      `alter table "jobs" add constraint "jobs_client_key_unique" unique ("client_agent_id", "idempotency_key");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "jobs" cascade;`);
  }
}
