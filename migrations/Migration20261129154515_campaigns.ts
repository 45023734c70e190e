import { Migration } from "@mikro-orm/migrations";

export class Migration20261129154515_campaigns extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "chain_campaign" ("pubkey" text not null, "slot" bigint not null, "closed_at" timestamptz null, "owner" text not null, "rent_payer" text not null, "id" numeric(20,0) not null, "reward" numeric(20,0) not null, "fee" numeric(20,0) not null, "pool" numeric(20,0) not null, "ends_at" bigint not null, "max_per_agent" bigint not null, "daily_limit" bigint not null, "max_concurrent_claims" bigint not null, "active_claims" bigint not null, "review_timeout" bigint not null, "claim_timeout" bigint not null, "auto_accept" boolean not null, "status" text not null, "bump" integer not null, constraint "chain_campaign_pkey" primary key ("pubkey"));`,
    );
    this.addSql(`create index "chain_campaign_owner_idx" on "chain_campaign" ("owner");`);

    this.addSql(
      `create table "chain_campaign_quota" ("pubkey" text not null, "slot" bigint not null, "closed_at" timestamptz null, "campaign" text not null, "agent" text not null, "rent_payer" text not null, "total_claims" bigint not null, "day" bigint not null, "claims_today" bigint not null, "bump" integer not null, constraint "chain_campaign_quota_pkey" primary key ("pubkey"));`,
    );
    this.addSql(`create index "chain_campaign_quota_campaign_idx" on "chain_campaign_quota" ("campaign");`);
    this.addSql(`create index "chain_campaign_quota_agent_idx" on "chain_campaign_quota" ("agent");`);

    this.addSql(
      `create table "chain_task" ("pubkey" text not null, "slot" bigint not null, "closed_at" timestamptz null, "campaign" text not null, "agent" text not null, "rent_payer" text not null, "amount" numeric(20,0) not null, "fee" numeric(20,0) not null, "expires_at" bigint not null, "review_by" bigint not null, "index" bigint not null, "status" text not null, "bump" integer not null, constraint "chain_task_pkey" primary key ("pubkey"));`,
    );
    this.addSql(`create index "chain_task_campaign_idx" on "chain_task" ("campaign");`);
    this.addSql(`create index "chain_task_agent_idx" on "chain_task" ("agent");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "chain_campaign" cascade;`);

    this.addSql(`drop table if exists "chain_campaign_quota" cascade;`);

    this.addSql(`drop table if exists "chain_task" cascade;`);
  }
}
