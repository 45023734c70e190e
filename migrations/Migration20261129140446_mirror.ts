import { Migration } from "@mikro-orm/migrations";

export class Migration20261129140446_mirror extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "chain_agent" ("pubkey" text not null, "slot" bigint not null, "closed_at" timestamptz null, "wallet" text not null, "emergency_address" text not null, "withdrawal_address" text not null, "available" numeric(20,0) not null, "total_deposited" numeric(20,0) not null, "total_withdrawn" numeric(20,0) not null, "cooldown_until" bigint not null, "activated" integer not null, "bump" integer not null, constraint "chain_agent_pkey" primary key ("pubkey"));`,
    );
    this.addSql(`create index "chain_agent_wallet_idx" on "chain_agent" ("wallet");`);

    this.addSql(
      `create table "chain_config" ("pubkey" text not null, "slot" bigint not null, "closed_at" timestamptz null, "admin" text not null, "operator" text not null, "arbiter" text not null, "usdc_mint" text not null, "vault" text not null, "treasury" text not null, "fees_accrued" numeric(20,0) not null, "activation_fee" numeric(20,0) not null, "withdraw_minimum" numeric(20,0) not null, "withdraw_fee" numeric(20,0) not null, "dispute_fee_min" numeric(20,0) not null, "dispute_fee_max" numeric(20,0) not null, "cooldown_seconds" bigint not null, "review_window_seconds" bigint not null, "fee_bps" integer not null, "dispute_fee_bps" integer not null, "paused" integer not null, "bump" integer not null, constraint "chain_config_pkey" primary key ("pubkey"));`,
    );

    this.addSql(
      `create table "indexer_checkpoints" ("source" text not null, "last_slot" bigint not null, "last_signature" text null, "updated_at" timestamptz not null default now(), constraint "indexer_checkpoints_pkey" primary key ("source"));`,
    );

    this.addSql(
      `create table "events" ("signature" text not null, "event_index" integer not null, "slot" bigint not null, "name" text not null, "data" jsonb not null, "mentions" text[] not null, "block_time" timestamptz null, "indexed_at" timestamptz not null default now(), constraint "events_pkey" primary key ("signature", "event_index"));`,
    );
    this.addSql(`create index "events_slot_idx" on "events" ("slot");`);
    this.addSql(`create index "events_name_idx" on "events" ("name");`);
    this.addSql(`create index "events_mentions_idx" on "events" using gin ("mentions");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "chain_agent" cascade;`);

    this.addSql(`drop table if exists "chain_config" cascade;`);

    this.addSql(`drop table if exists "indexer_checkpoints" cascade;`);

    this.addSql(`drop table if exists "events" cascade;`);
  }
}
