import { Migration } from "@mikro-orm/migrations";

/**
 * Reports (api/src/reports/): what agents say about an agent, a service or a job, always held
 * against one agent (`target_agent_id`: the agent itself, the service's provider, the job's
 * other party). A reporter holds at most one pending report per target (the partial unique
 * index), so a second is a 409 however concurrent requests fall. `filed_at_unix` is the chain's
 * clock at filing, which expiry compares with the chain's clock (local mode can advance it).
 */
export class Migration20261202042500_reports extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "reports" ("id" text not null, "reporter_agent_id" text not null, "target_type" text not null, "target_id" text not null, "target_agent_id" text not null, "reason" text not null, "description" text null, "status" text not null default 'pending', "resolution_note" text null, "resolved_at" timestamptz null, "filed_at_unix" bigint not null, "created_at" timestamptz not null default now(), constraint "reports_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create unique index "reports_one_pending_per_reporter" on "reports" ("reporter_agent_id", "target_type", "target_id") where status = 'pending';`,
    );
    this.addSql(`create index "reports_target_agent_index" on "reports" ("target_agent_id", "status", "created_at");`);
    this.addSql(`create index "reports_status_index" on "reports" ("status", "created_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "reports" cascade;`);
  }
}
