/**
 * The `campaigns` and `campaign_tasks` tables joined with the mirror. Statuses are derived,
 * never stored. A campaign's is the mirrored `chain_campaign.status` (active, paused,
 * completed, cancelled; a closed account was cancelled), `creating` before create_campaign
 * landed and `failed` when it was refused. A task's is `claimed` or `delivered` while its
 * account lives, then the event that closed it (TaskPaid `accepted`, TaskRejected `rejected`,
 * TaskExpired `expired`) whoever sent it, `failed` when the claim was refused.
 */

import type { CampaignRow, CampaignTaskRow } from "@justpay/db";
import type { Knex } from "@mikro-orm/postgresql";

const CAMPAIGN_SQL = `select c.*,
    case when c.phase = 'failed' then 'failed'
         when cc.pubkey is null then 'creating'
         when cc.closed_at is not null then 'cancelled'
         else lower(cc.status) end as status,
    case when cc.closed_at is null then coalesce(cc.pool, 0) else 0 end::text as pool,
    case when cc.closed_at is null then coalesce(cc.active_claims, 0) else 0 end::int as active_claims,
    cc.ends_at::text as ends_at, cc.slot::text as chain_slot,
    (c.total_budget + coalesce(et.topped_up, 0))::text as funded,
    coalesce(et.tasks_paid, 0) as tasks_completed
  from campaigns c left join chain_campaign cc on cc.pubkey = c.campaign_pubkey
  left join campaign_event_totals et on et.campaign = c.campaign_pubkey`;

/**
 * The task view over `tasks` (the table, or a CTE of rows a statement just wrote). Each row
 * carries its parties' saved callbackUrls, read with it: the task's webhooks go to them next.
 */
const taskSql = (tasks = "campaign_tasks") => `select t.*, ct.review_by::text as review_by, te.name as settled_by,
    case when t.phase = 'failed' then 'failed'
         when te.name = 'TaskPaid' then 'accepted'
         when te.name = 'TaskRejected' then 'rejected'
         when te.name = 'TaskExpired' then 'expired'
         when ct.pubkey is null then 'claiming'
         when lower(ct.status) = 'delivered' then 'delivered'
         else 'claimed' end as status,
    claimant.callback_url as claimant_saved_url, owner.callback_url as owner_saved_url
  from ${tasks} t left join chain_task ct on ct.pubkey = t.task_pubkey
  left join agents claimant on claimant.id = t.agent_id
  left join campaigns tc on tc.id = t.campaign_id left join agents owner on owner.id = tc.owner_agent_id
  left join lateral (
    select e.name from events e
     where e.mentions @> array[t.task_pubkey] and e.name in ('TaskPaid', 'TaskRejected', 'TaskExpired')
     order by e.slot desc limit 1) te on true`;

const TASK_SQL = taskSql();

export interface CampaignWithState extends CampaignRow {
  status: "creating" | "failed" | "active" | "paused" | "completed" | "cancelled";
  /** Micro-USDC not committed to a task, from the mirror. */
  pool: string;
  active_claims: number;
  /** Unix seconds; null before create_campaign landed. */
  ends_at: string | null;
  tasks_completed: number;
  /** The mirrored account's last slot: owner steps key their intents on it. */
  chain_slot: string | null;
  /** The initial budget plus every top-up, from the events. */
  funded: string;
}

export type TaskStatus = "claiming" | "claimed" | "delivered" | "accepted" | "rejected" | "expired" | "failed";

export interface TaskWithState extends CampaignTaskRow {
  status: TaskStatus;
  /** Unix seconds from the mirror; 0 before delivery, null once closed. */
  review_by: string | null;
  settled_by: string | null;
  /** The claimant's and the campaign owner's saved callbackUrls (null: none), for the notices. */
  claimant_saved_url: string | null;
  owner_saved_url: string | null;
}

/**
 * A task read after a step on it landed, with what recording its settlement needs of the
 * campaign, read in the same statement (see `TaskStore.findRecordingSettlement`).
 */
export interface TaskAfterStep {
  task: TaskWithState;
  campaign: Pick<
    CampaignWithState,
    "id" | "title" | "owner_agent_id" | "callback_url" | "campaign_pubkey" | "status" | "completion_notified_slot"
  >;
  /** The slot of the campaign's latest CampaignCompleted event; null when none, or the task lives. */
  completedSlot: string | null;
}

export interface CampaignListQuery {
  status?: string;
  page: number;
  limit: number;
}

export interface DiscoverQuery {
  category?: string;
  search?: string;
  now: bigint;
  page: number;
  limit: number;
}

async function paged<T>(
  knex: Knex,
  sql: string,
  where: string,
  bindings: Knex.RawBinding[],
  page: number,
  limit: number,
) {
  const { rows: counted } = await knex.raw(`select count(*)::int as n from (${sql}) x where ${where}`, bindings);
  const { rows } = await knex.raw(
    `select * from (${sql}) x where ${where} order by x.created_at desc, x.id desc limit ? offset ?`,
    [...bindings, limit, (page - 1) * limit],
  );
  return { rows: rows as T[], total: counted[0].n as number };
}

export class CampaignStore {
  constructor(private readonly knex: Knex) {}

  async find(id: string): Promise<CampaignWithState | undefined> {
    const { rows } = await this.knex.raw(`select * from (${CAMPAIGN_SQL}) x where x.id = ?`, [id]);
    return rows[0];
  }

  async findByKey(ownerAgentId: string, key: string): Promise<CampaignWithState | undefined> {
    const { rows } = await this.knex.raw(
      `select * from (${CAMPAIGN_SQL}) x where x.owner_agent_id = ? and x.idempotency_key = ?`,
      [ownerAgentId, key],
    );
    return rows[0];
  }

  async listMine(ownerAgentId: string, q: CampaignListQuery) {
    const where = q.status ? "x.owner_agent_id = ? and x.status = ?" : "x.owner_agent_id = ?";
    const bindings = q.status ? [ownerAgentId, q.status] : [ownerAgentId];
    const { rows, total } = await paged<CampaignWithState>(this.knex, CAMPAIGN_SQL, where, bindings, q.page, q.limit);
    return { campaigns: rows, total };
  }

  /** Active campaigns still taking claims at the chain's time `now`, newest first. */
  async discover(q: DiscoverQuery) {
    const clauses = ["x.status = 'active'", "x.ends_at::bigint > ?"];
    const bindings: Knex.RawBinding[] = [q.now.toString()];
    if (q.category) {
      clauses.push("lower(x.category) = lower(?)");
      bindings.push(q.category);
    }
    if (q.search) {
      clauses.push("(x.title ilike ? or x.description ilike ?)");
      const like = `%${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      bindings.push(like, like);
    }
    const { rows, total } = await paged<CampaignWithState>(
      this.knex,
      CAMPAIGN_SQL,
      clauses.join(" and "),
      bindings,
      q.page,
      q.limit,
    );
    return { campaigns: rows, total };
  }

  async update(id: string, columns: Partial<CampaignRow>): Promise<void> {
    await this.knex("campaigns")
      .where({ id })
      .update({ ...columns, updated_at: this.knex.fn.now() });
  }

  /** Live campaigns whose account is in one of `statuses` (lower case). */
  async liveIn(statuses: string[]): Promise<CampaignWithState[]> {
    const { rows } = await this.knex.raw(
      `select * from (${CAMPAIGN_SQL}) x where x.phase = 'live' and x.status = any(?) order by x.created_at`,
      [statuses],
    );
    return rows;
  }
}

export class TaskStore {
  constructor(private readonly knex: Knex) {}

  async find(id: string): Promise<TaskWithState | undefined> {
    const { rows } = await this.knex.raw(`select * from (${TASK_SQL}) x where x.id = ?`, [id]);
    return rows[0];
  }

  async findByKey(agentId: string, key: string): Promise<TaskWithState | undefined> {
    const { rows } = await this.knex.raw(
      `select * from (${TASK_SQL}) x where x.agent_id = ? and x.idempotency_key = ?`,
      [agentId, key],
    );
    return rows[0];
  }

  /** A campaign's tasks, newest first; only `agentId`'s when given (what a non-owner sees). */
  async list(campaignId: string, q: { agentId?: string; status?: string; page: number; limit: number }) {
    const clauses = ["x.campaign_id = ?", "x.status <> 'failed'"];
    const bindings: Knex.RawBinding[] = [campaignId];
    if (q.agentId) {
      clauses.push("x.agent_id = ?");
      bindings.push(q.agentId);
    }
    if (q.status) {
      clauses.push("x.status = ?");
      bindings.push(q.status);
    }
    const { rows, total } = await paged<TaskWithState>(
      this.knex,
      TASK_SQL,
      clauses.join(" and "),
      bindings,
      q.page,
      q.limit,
    );
    return { tasks: rows, total };
  }

  /**
   * Marks a landed claim live with the program's deadline, from the mirrored task account (the
   * row's own estimate if it is gone), and answers the task as `find` would, in one statement;
   * `expires_unix` is that deadline in unix seconds.
   */
  async markLive(id: string): Promise<TaskWithState & { expires_unix: string }> {
    const { rows } = await this.knex.raw(
      `with live as (
         update campaign_tasks t set phase = 'live', updated_at = now(),
             expires_at = coalesce((select to_timestamp(ct.expires_at) from chain_task ct where ct.pubkey = t.task_pubkey), t.expires_at)
          where t.id = ? returning t.*)
       select x.*, extract(epoch from x.expires_at)::bigint::text as expires_unix from (${taskSql("live")}) x`,
      [id],
    );
    return rows[0];
  }

  /**
   * The task as `find` reads it and, when an event closed it, its row marked settled, with its
   * campaign's status, notified completion and latest CampaignCompleted slot: one statement
   * where recording a settlement took four. The campaign is read after the task closed
   * on-chain (the caller waited for its slot), as recording needs. The write is the one the
   * read answers: conditional on the row not being settled yet, so recorders racing (a step,
   * a sweep) write it once, and the webhooks they both send are one each by their delivery ids.
   * The answer shows the phase as it was before this statement. Undefined: no such task.
   */
  async findRecordingSettlement(id: string): Promise<TaskAfterStep | undefined> {
    const { rows } = await this.knex.raw(
      `with closing as (select x.* from (${TASK_SQL}) x where x.id = ?),
       recorded as (
         update campaign_tasks t set phase = 'settled', updated_at = now()
           from closing x where t.id = x.id and x.settled_by is not null and t.phase <> 'settled')
       select x.*, c.title as campaign_title, c.owner_agent_id as campaign_owner_agent_id,
              c.callback_url as campaign_callback_url, c.campaign_pubkey, c.status as campaign_status,
              c.completion_notified_slot::text as campaign_notified_slot,
              case when x.settled_by is not null then (
                select max(e.slot)::text from events e
                 where e.name = 'CampaignCompleted' and e.mentions @> array[c.campaign_pubkey]) end as completed_slot
         from closing x join (${CAMPAIGN_SQL}) c on c.id = x.campaign_id`,
      [id],
    );
    if (!rows[0]) return undefined;
    const {
      campaign_title,
      campaign_owner_agent_id,
      campaign_callback_url,
      campaign_pubkey,
      campaign_status,
      campaign_notified_slot,
      completed_slot,
      ...task
    } = rows[0];
    return {
      task,
      campaign: {
        id: task.campaign_id,
        title: campaign_title,
        owner_agent_id: campaign_owner_agent_id,
        callback_url: campaign_callback_url,
        campaign_pubkey,
        status: campaign_status,
        completion_notified_slot: campaign_notified_slot,
      },
      completedSlot: completed_slot,
    };
  }

  async update(id: string, columns: Partial<CampaignTaskRow>): Promise<void> {
    await this.knex("campaign_tasks")
      .where({ id })
      .update({ ...columns, updated_at: this.knex.fn.now() });
  }

  /** Live tasks the mirror shows in `status`, whose `deadline` is at or before `now` (unix seconds). */
  async due(
    status: "Claimed" | "Delivered",
    deadline: "expires_at" | "review_by",
    now: bigint,
  ): Promise<TaskWithState[]> {
    const { rows } = await this.knex.raw(
      `select x.* from (${TASK_SQL}) x join chain_task ct on ct.pubkey = x.task_pubkey
        where x.phase in ('claiming', 'live') and ct.closed_at is null and lower(ct.status) = lower(?)
          and ct.${deadline} <= ? order by x.created_at`,
      [status, now.toString()],
    );
    return rows;
  }

  /** Undelivered tasks of cancelled campaigns: void at once, their funds go back to the owner. */
  async voidedByCancel(): Promise<TaskWithState[]> {
    const { rows } = await this.knex.raw(
      `select x.* from (${TASK_SQL}) x join chain_task ct on ct.pubkey = x.task_pubkey
         join chain_campaign cc on cc.pubkey = ct.campaign
        where x.phase in ('claiming', 'live') and ct.closed_at is null and lower(ct.status) = 'claimed'
          and (lower(cc.status) = 'cancelled' or cc.closed_at is not null) order by x.created_at`,
    );
    return rows;
  }

  /** Tasks the API still counts open whose account an event closed (a step, a sweep or anyone's crank). */
  async closedUnrecorded(): Promise<TaskWithState[]> {
    const { rows } = await this.knex.raw(
      `select * from (${TASK_SQL}) x where x.phase in ('claiming', 'live') and x.settled_by is not null order by x.created_at`,
    );
    return rows;
  }
}
