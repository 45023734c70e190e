import { Migration } from "@mikro-orm/migrations";

/**
 * Disputes of delivered jobs (api/src/disputes/): who filed against whom, why, the fee the
 * program charged, and the arbiter's ruling. One per job (the program lets a job be disputed
 * once). Read by the client-restriction rule and the trust inputs, hence the indexes by party.
 */
export class Migration20261202040500_disputes extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "disputes" ("id" text not null, "job_id" text not null, "claimant_agent_id" text not null, "respondent_agent_id" text not null, "party" text not null, "reason" text not null, "description" text null, "fee" numeric(20,0) not null, "status" text not null default 'open', "outcome" text null, "note" text null, "resolved_at" timestamptz null, "created_at" timestamptz not null default now(), constraint "disputes_pkey" primary key ("id"), constraint "disputes_party_check" check (party in ('client', 'provider')), constraint "disputes_status_check" check (status in ('open', 'resolved')), constraint "disputes_outcome_check" check (outcome is null or outcome in ('claimant', 'respondent', 'split')));`,
    );
    this.addSql(`alter table "disputes" add constraint "disputes_job_id_unique" unique ("job_id");`);
    this.addSql(`create index "disputes_claimant_index" on "disputes" ("claimant_agent_id", "party");`);
    this.addSql(`create index "disputes_respondent_index" on "disputes" ("respondent_agent_id");`);
    this.addSql(`create index "disputes_status_index" on "disputes" ("status", "created_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "disputes" cascade;`);
  }
}
