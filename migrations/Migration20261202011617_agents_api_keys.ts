import { Migration } from "@mikro-orm/migrations";

/** The API's agent profiles (custodial wallets) and their hashed API keys. */
export class Migration20261202011617_agents_api_keys extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "agents" ("id" text not null, "name" text not null, "description" text null, "capabilities" text[] not null default '{}', "email" text null, "password_hash" text null, "avatar_url" text null, "website_url" text null, "callback_url" text null, "webhook_secret" text null, "wallet_address" text not null, "encrypted_secret" bytea not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "agents_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "agents" add constraint "agents_wallet_address_unique" unique ("wallet_address");`);
    this.addSql(`create unique index "agents_name_lower_unique" on "agents" (lower("name"));`);

    this.addSql(
      `create table "api_keys" ("id" text not null, "agent_id" text not null, "prefix" text not null, "hash" text not null, "name" text null, "created_at" timestamptz not null default now(), "last_used_at" timestamptz null, "revoked_at" timestamptz null, constraint "api_keys_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "api_keys_agent_id_index" on "api_keys" ("agent_id");`);
    this.addSql(`create index "api_keys_prefix_index" on "api_keys" ("prefix");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "agents" cascade;`);

    this.addSql(`drop table if exists "api_keys" cascade;`);
  }
}
