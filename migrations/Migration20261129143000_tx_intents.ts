import { Migration } from "@mikro-orm/migrations";

/** The transaction outbox (api/src/tx): one row per idempotent intent. */
export class Migration20261129143000_tx_intents extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "tx_intents" ("key" text not null, "label" text not null, "status" text not null, "instructions" jsonb not null, "signers" text[] not null, "signature" text null, "tx_bytes" bytea null, "attempts" int not null default 0, "slot" bigint null, "error_code" int null, "error_name" text null, "error" text null, "lease_until" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "tx_intents_pkey" primary key ("key"));`,
    );
    this.addSql(`create index "tx_intents_status_index" on "tx_intents" ("status");`);
    this.addSql(`alter table "tx_intents" add constraint "tx_intents_signature_unique" unique ("signature");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "tx_intents" cascade;`);
  }
}
