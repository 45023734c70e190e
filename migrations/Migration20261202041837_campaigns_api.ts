import { Migration } from "@mikro-orm/migrations";

/** The API's campaign and task rows (api/src/campaigns/campaign-entity.ts); their money lives in chain_campaign and chain_task. */
export class Migration20261202041837_campaigns_api extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "campaigns" ("id" text not null, "owner_agent_id" text not null, "chain_id" numeric(20,0) not null, "campaign_pubkey" text not null, "title" text not null, "description" text not null, "category" text not null, "tags" jsonb not null, "task_description" jsonb null, "callback_url" text null, "min_trust_score" float8 not null default 0, "reward" numeric(20,0) not null, "fee" numeric(20,0) not null, "total_budget" numeric(20,0) not null, "max_per_agent" int null, "daily_limit" int null, "auto_accept" boolean not null, "review_timeout_secs" int not null, "max_execution_time_secs" int not null, "max_concurrent_claims" int not null, "duration_days" int not null, "phase" text not null, "error" text null, "idempotency_key" text null, "completion_notified_slot" bigint null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "campaigns_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "campaigns_owner_index" on "campaigns" ("owner_agent_id", "created_at");`);
    this.addSql(`create index "campaigns_pubkey_index" on "campaigns" ("campaign_pubkey");`);
    this.addSql(
      `alter table "campaigns" add constraint "campaigns_owner_key_unique" unique ("owner_agent_id", "idempotency_key");`,
    );

    this.addSql(
      `create table "campaign_tasks" ("id" text not null, "campaign_id" text not null, "agent_id" text not null, "task_pubkey" text not null, "index" int not null, "amount" numeric(20,0) not null, "fee" numeric(20,0) not null, "phase" text not null, "error" text null, "idempotency_key" text null, "output" jsonb null, "output_hash" text null, "reject_reason" text null, "expires_at" timestamptz not null, "delivered_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "campaign_tasks_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "campaign_tasks_campaign_index" on "campaign_tasks" ("campaign_id", "created_at");`);
    this.addSql(`create index "campaign_tasks_agent_index" on "campaign_tasks" ("agent_id", "campaign_id");`);
    this.addSql(`create index "campaign_tasks_pubkey_index" on "campaign_tasks" ("task_pubkey");`);
    this.addSql(`create index "campaign_tasks_phase_index" on "campaign_tasks" ("phase");`);
    this.addSql(
      `alter table "campaign_tasks" add constraint "campaign_tasks_agent_key_unique" unique ("agent_id", "idempotency_key");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "campaigns" cascade;`);

    this.addSql(`drop table if exists "campaign_tasks" cascade;`);
  }
}
