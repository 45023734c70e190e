import { Migration } from "@mikro-orm/migrations";

export class Migration20261202015854_deposit_credits extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "deposit_credits" ("transfer_signature" text not null, "transfer_index" int not null, "agent_id" text not null, "amount" numeric(20,0) not null, "source_token_account" text not null, "source_owner" text not null, "transfer_slot" bigint not null, "status" text not null default 'pending', "attempt" int not null default 0, "deposit_signature" text null, "deposit_slot" bigint null, "error" text null, "created_at" timestamptz not null default now(), "credited_at" timestamptz null, "reported_at" timestamptz null, constraint "deposit_credits_pkey" primary key ("transfer_signature", "transfer_index"));`,
    );
    this.addSql(`create index "deposit_credits_agent_status_index" on "deposit_credits" ("agent_id", "status");`);

    this.addSql(
      `create table "deposit_scan_cursors" ("agent_id" text not null, "signature" text not null, "updated_at" timestamptz not null default now(), constraint "deposit_scan_cursors_pkey" primary key ("agent_id"));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "deposit_credits" cascade;`);

    this.addSql(`drop table if exists "deposit_scan_cursors" cascade;`);
  }
}
