import { Migration } from "@mikro-orm/migrations";

export class Migration20261129141244_jobs extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "chain_job" ("pubkey" text not null, "slot" bigint not null, "closed_at" timestamptz null, "client" text not null, "provider" text not null, "rent_payer" text not null, "output_hash" bytea not null, "id" numeric(20,0) not null, "amount" numeric(20,0) not null, "fee" numeric(20,0) not null, "apply_by" bigint not null, "deliver_by" bigint not null, "review_by" bigint not null, "status" text not null, "claimant" text not null, "bump" integer not null, constraint "chain_job_pkey" primary key ("pubkey"));`,
    );
    this.addSql(`create index "chain_job_client_idx" on "chain_job" ("client");`);
    this.addSql(`create index "chain_job_provider_idx" on "chain_job" ("provider");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "chain_job" cascade;`);
  }
}
