import { Migration } from "@mikro-orm/migrations";

/** The webhook delivery log (api/src/webhooks): one row per event sent to an agent, with its attempts. */
export class Migration20261202013546_webhook_deliveries extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "webhook_deliveries" ("id" text not null, "agent_id" text not null, "event" text not null, "payload" jsonb not null, "url" text not null, "status" text not null, "attempts" jsonb not null default '[]', "replays" int not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "webhook_deliveries_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "webhook_deliveries_agent_created_index" on "webhook_deliveries" ("agent_id", "created_at");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "webhook_deliveries" cascade;`);
  }
}
