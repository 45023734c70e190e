import { Migration } from "@mikro-orm/migrations";

/**
 * `justpay_write_claim`: a campaign claim's row (api/src/campaigns/claim-task.ts) written in one
 * round trip instead of six (begin, lock, read, read, insert, commit). Under a transaction-scoped
 * advisory lock on (campaign, agent) it settles the agent's earlier claims still marked
 * `claiming` (live once their task exists; failed once their intent can never land: refused,
 * voided, or never written a minute on), then inserts the new row at the index the caller
 * derived its task address from, if that is still the quota's next index.
 *
 * Answers `(refusal, next_index)`: refusal `in_progress` (an earlier claim may still land) or
 * `index_moved` (another claim took the index: derive the address for `next_index` and call
 * again) inserts nothing.
 */
export class Migration20261203140000_write_claim extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create function "justpay_write_claim"(p_task jsonb, p_quota text)
      returns table (refusal text, next_index int) language plpgsql as $$
      declare
        earlier record;
        held int;
      begin
        perform pg_advisory_xact_lock(hashtext('campaign-claim:' || (p_task->>'campaign_id') || ':' || (p_task->>'agent_id')));
        for earlier in
          select t.id, ct.pubkey, i.status as intent, t.created_at < now() - interval '60 seconds' as stale
            from campaign_tasks t left join chain_task ct on ct.pubkey = t.task_pubkey
            left join tx_intents i on i.key = 'campaign-claim:' || t.id
           where t.campaign_id = p_task->>'campaign_id' and t.agent_id = p_task->>'agent_id' and t.phase = 'claiming'
        loop
          if earlier.pubkey is not null then
            update campaign_tasks set phase = 'live' where id = earlier.id;
          elsif earlier.intent in ('failed', 'voided') or (earlier.intent is null and earlier.stale) then
            update campaign_tasks set phase = 'failed' where id = earlier.id;
          else
            return query select 'in_progress'::text, null::int;
            return;
          end if;
        end loop;
        held := coalesce((select q.total_claims from chain_campaign_quota q where q.pubkey = p_quota and q.closed_at is null), 0);
        if held <> (p_task->>'index')::int then
          return query select 'index_moved'::text, held;
          return;
        end if;
        insert into campaign_tasks (id, campaign_id, agent_id, task_pubkey, index, amount, fee, phase, idempotency_key, expires_at)
          values (p_task->>'id', p_task->>'campaign_id', p_task->>'agent_id', p_task->>'task_pubkey', held,
                  (p_task->>'amount')::numeric, (p_task->>'fee')::numeric, 'claiming', p_task->>'idempotency_key',
                  (p_task->>'expires_at')::timestamptz);
        return query select null::text, held;
      end $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists "justpay_write_claim"(jsonb, text);`);
  }
}
