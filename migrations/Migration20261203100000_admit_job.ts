import { Migration } from "@mikro-orm/migrations";

/**
 * `justpay_admit_job`: a direct job's admission (api/src/jobs/create-direct-job.ts) in one
 * round trip. It locks the service's row, counts its open jobs and, when a slot or a queue
 * place is free, inserts the job, all inside the one statement's transaction. Each query in a
 * plpgsql function takes a fresh snapshot, so the count sees every job committed before the
 * lock was granted, as the earlier lock-then-count transaction did; the service stays locked
 * for the function's microseconds instead of five client round trips, which let concurrent
 * hires of one popular service queue behind each other.
 *
 * Answers `(queued, expires_at, refusal)`: refusal `no_queue` or `queue_full` inserts nothing.
 * A queued job's deadline leaves it the rounds of work ahead of it:
 * `max_execution_time_secs × (1 + ⌈(waiting + 1) / max_concurrent_jobs⌉)`, capped. The text
 * is exported: the migration that replaces the function restores this one on `down`.
 */
export const ADMIT_JOB_BY_SERVICE_SQL = `create function "justpay_admit_job"(p_service text, p_job jsonb, p_now bigint, p_max_seconds bigint)
      returns table (queued boolean, expires_at timestamptz, refusal text) language plpgsql as $$
      declare
        s record;
        active int;
        waiting int;
        is_queued boolean;
        rounds int;
        deadline timestamptz;
      begin
        select sv.max_concurrent_jobs, sv.queue_enabled, sv.max_queue_size, sv.max_execution_time_secs
          into strict s from services sv where sv.id = p_service for update;
        select count(*) filter (where not j.queued), count(*) filter (where j.queued) into active, waiting
          from jobs j where j.service_id = p_service and j.phase in ('creating', 'live') and j.delivered_at is null;
        is_queued := active >= s.max_concurrent_jobs;
        if is_queued and not s.queue_enabled then
          return query select true, null::timestamptz, 'no_queue'::text;
          return;
        end if;
        if is_queued and waiting >= s.max_queue_size then
          return query select true, null::timestamptz, 'queue_full'::text;
          return;
        end if;
        rounds := case when is_queued then 1 + ceil((waiting + 1)::numeric / s.max_concurrent_jobs)::int else 1 end;
        deadline := to_timestamp(p_now + least(s.max_execution_time_secs::bigint * rounds, p_max_seconds));
        insert into jobs select (jsonb_populate_record(null::jobs,
          p_job || jsonb_build_object('queued', is_queued, 'expires_at', deadline))).*;
        return query select is_queued, deadline, null::text;
      end $$;`;

export class Migration20261203100000_admit_job extends Migration {
  override async up(): Promise<void> {
    this.addSql(ADMIT_JOB_BY_SERVICE_SQL);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists "justpay_admit_job"(text, jsonb, bigint, bigint);`);
  }
}
