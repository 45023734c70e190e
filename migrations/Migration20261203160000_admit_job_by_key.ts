import { Migration } from "@mikro-orm/migrations";
import { ADMIT_JOB_BY_SERVICE_SQL } from "./Migration20261203100000_admit_job.js";

/**
 * `justpay_admit_job` also answers a retry: when the client already has a job under the
 * request's Idempotency-Key, it returns that job's id (`existing_id`) and writes nothing, so a
 * direct job's creation (api/src/jobs/create-direct-job.ts) asks for the earlier job and for
 * admission in one round trip instead of two. The unique (client_agent_id, idempotency_key)
 * constraint still refuses a second row if two retries ever raced past the check.
 */
export class Migration20261203160000_admit_job_by_key extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop function if exists "justpay_admit_job"(text, jsonb, bigint, bigint);`);
    this.addSql(`create function "justpay_admit_job"(p_service text, p_job jsonb, p_now bigint, p_max_seconds bigint)
      returns table (queued boolean, expires_at timestamptz, refusal text, existing_id text) language plpgsql as $$
      declare
        s record;
        active int;
        waiting int;
        is_queued boolean;
        rounds int;
        deadline timestamptz;
        known text;
      begin
        if p_job->>'idempotency_key' is not null then
          select j.id into known from jobs j
           where j.client_agent_id = p_job->>'client_agent_id' and j.idempotency_key = p_job->>'idempotency_key';
          if known is not null then
            return query select null::boolean, null::timestamptz, null::text, known;
            return;
          end if;
        end if;
        select sv.max_concurrent_jobs, sv.queue_enabled, sv.max_queue_size, sv.max_execution_time_secs
          into strict s from services sv where sv.id = p_service for update;
        select count(*) filter (where not j.queued), count(*) filter (where j.queued) into active, waiting
          from jobs j where j.service_id = p_service and j.phase in ('creating', 'live') and j.delivered_at is null;
        is_queued := active >= s.max_concurrent_jobs;
        if is_queued and not s.queue_enabled then
          return query select true, null::timestamptz, 'no_queue'::text, null::text;
          return;
        end if;
        if is_queued and waiting >= s.max_queue_size then
          return query select true, null::timestamptz, 'queue_full'::text, null::text;
          return;
        end if;
        rounds := case when is_queued then 1 + ceil((waiting + 1)::numeric / s.max_concurrent_jobs)::int else 1 end;
        deadline := to_timestamp(p_now + least(s.max_execution_time_secs::bigint * rounds, p_max_seconds));
        insert into jobs select (jsonb_populate_record(null::jobs,
          p_job || jsonb_build_object('queued', is_queued, 'expires_at', deadline))).*;
        return query select is_queued, deadline, null::text, null::text;
      end $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists "justpay_admit_job"(text, jsonb, bigint, bigint);`);
    this.addSql(ADMIT_JOB_BY_SERVICE_SQL);
  }
}
