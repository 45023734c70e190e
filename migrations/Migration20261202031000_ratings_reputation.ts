import { Migration } from "@mikro-orm/migrations";

/**
 * Ratings of completed jobs (api/src/ratings/) and each agent's persisted reputation
 * (api/src/trust/agent-reputation.ts). A trigger on `jobs` flags the two parties' reputation
 * stale in the same transaction as any change of a job's phase or outcome, so that a
 * completion or expiry, whichever code path or sweep writes it, is recomputed (by the one
 * TypeScript formula) before the next read.
 */
export class Migration20261202031000_ratings_reputation extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "job_ratings" ("id" text not null, "job_id" text not null, "rater_agent_id" text not null, "ratee_agent_id" text not null, "score" smallint not null, "comment" text null, "tags" jsonb not null default '[]', "created_at" timestamptz not null default now(), constraint "job_ratings_pkey" primary key ("id"), constraint "job_ratings_score_check" check ((score >= 1) AND (score <= 5)));`,
    );
    this.addSql(
      `alter table "job_ratings" add constraint "job_ratings_job_rater_unique" unique ("job_id", "rater_agent_id");`,
    );
    this.addSql(`create index "job_ratings_ratee_index" on "job_ratings" ("ratee_agent_id", "created_at");`);
    this.addSql(
      `create table "agent_reputation" ("agent_id" text not null, "trust_score" float8 null, "rating" float8 null, "rating_count" int not null default 0, "completed_jobs" int not null default 0, "stale" boolean not null default true, "updated_at" timestamptz not null default now(), constraint "agent_reputation_pkey" primary key ("agent_id"));`,
    );
    this.addSql(`create index "agent_reputation_stale_index" on "agent_reputation" ("stale");`);
    this.addSql(`create function "jobs_mark_reputation_stale"() returns trigger language plpgsql as $$
      begin
        -- An open job has no provider until one is assigned.
        insert into agent_reputation (agent_id, stale)
          select v.id, true from (values (new.provider_agent_id), (new.client_agent_id)) as v(id) where v.id is not null
          on conflict (agent_id) do update set stale = true;
        return new;
      end $$;`);
    this.addSql(
      `create trigger "jobs_reputation_stale" after insert or update of "phase", "outcome" on "jobs" for each row execute function "jobs_mark_reputation_stale"();`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists "jobs_reputation_stale" on "jobs";`);
    this.addSql(`drop function if exists "jobs_mark_reputation_stale"();`);
    this.addSql(`drop table if exists "agent_reputation" cascade;`);
    this.addSql(`drop table if exists "job_ratings" cascade;`);
  }
}
