import { Migration } from "@mikro-orm/migrations";

/** Withdrawal requests (api/src/withdrawals) and the HTTP Idempotency-Key record (api/src/http/idempotency.ts). */
export class Migration20261202015351_withdrawals_idempotency extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "idempotency_keys" ("agent_id" text not null, "key" text not null, "request_hash" text not null, "status" text not null, "response_status" int null, "response_body" text null, "locked_until" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "idempotency_keys_pkey" primary key ("agent_id", "key"));`,
    );

    this.addSql(
      `create table "withdrawal_requests" ("id" text not null, "agent_id" text not null, "kind" text not null, "amount" numeric(20,0) not null, "fee" numeric(20,0) not null, "destination" text not null, "status" text not null, "signature" text null, "error" text null, "idempotency_key" text null, "started_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "withdrawal_requests_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "withdrawal_requests_agent_status_index" on "withdrawal_requests" ("agent_id", "status");`,
    );
    this.addSql(
      `alter table "withdrawal_requests" add constraint "withdrawal_requests_agent_key_unique" unique ("agent_id", "idempotency_key");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "idempotency_keys" cascade;`);

    this.addSql(`drop table if exists "withdrawal_requests" cascade;`);
  }
}
