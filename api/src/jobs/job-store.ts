/**
 * The `jobs` table joined with the mirror. A job's status is derived, never stored: from the
 * API's phase while create_job has not landed or was refused, from `chain_job.status` while
 * the account lives, and from the program's `JobOutcome` once it closed (see api/README.md,
 * "Jobs", for the names).
 */

import type { DisputeRow, JobRow } from "@justpay/db";
import type { Knex } from "@mikro-orm/postgresql";
import { pendingReportsSql } from "../reports/warning.js";
import { clientCountsSql } from "./client-reputation.js";

/** The SQL of the status the API shows, over `jobs j left join chain_job cj`. */
export const STATUS_SQL = `case
    when j.phase = 'failed' then 'failed'
    when j.phase = 'settled' or cj.closed_at is not null then
      case j.outcome when 'Released' then 'completed' when 'AutoReleased' then 'completed'
                     when 'Cancelled' then 'cancelled' when 'Expired' then 'expired'
                     when 'DisputeProviderWon' then 'completed' when 'DisputeSplit' then 'completed'
                     when 'DisputeClientWon' then 'cancelled' else 'resolved' end
    when j.queued then 'queued'
    when cj.status = 'Open' then 'open'
    when cj.status = 'Accepted' then 'accepted'
    when cj.status = 'Delivered' then 'delivered'
    when cj.status = 'Disputed' then 'disputed'
    else 'pending' end`;

export interface JobWithState extends JobRow {
  status: string;
  /** Unix seconds from the mirror; 0 before delivery or once closed. */
  review_by: string | null;
  /** The client's dispute counts (client-reputation.ts), read in the same query. */
  client_disputes_filed: number;
  client_completed_jobs: number;
  /** The job's `disputes` row, when it was disputed. */
  dispute: DisputeRow | null;
  /** Reports pending against each party (api/src/reports), for the warning badges. */
  client_pending_reports: number;
  provider_pending_reports: number;
  /** Whether a live job of the same service waits queued (job-queue.ts); read only when asked. */
  queue_waiting?: boolean;
  /** The service's outputSchema, what a delivery must match; read only when asked. */
  service_output_schema?: Record<string, unknown> | null;
}

/** Any live job of `j`'s service waiting in its queue: what promotion asks before taking a lock. */
const QUEUE_WAITING_SQL = `exists (select 1 from jobs qj where qj.service_id = j.service_id and qj.queued
    and qj.phase = 'live' and qj.delivered_at is null)`;

/** `from`: the rows to answer, `jobs` or a CTE of it (an update's returning rows). */
function selectJobs(knex: Knex, from = "jobs"): Knex.QueryBuilder {
  return knex
    .from(`${from} as j`)
    .leftJoin("chain_job as cj", "cj.pubkey", "j.job_pubkey")
    .joinRaw(`cross join lateral (${clientCountsSql("j.client_agent_id")}) cc`)
    .leftJoin("disputes as dj", "dj.job_id", "j.id")
    .select(
      "j.*",
      knex.raw(`${STATUS_SQL} as status`),
      "cj.review_by",
      "cc.disputes_filed as client_disputes_filed",
      "cc.completed_as_client as client_completed_jobs",
      knex.raw(`case when dj.id is null then null else to_jsonb(dj) end as dispute`),
      knex.raw(`${pendingReportsSql("j.client_agent_id")} as client_pending_reports`),
      knex.raw(`coalesce(${pendingReportsSql("j.provider_agent_id")}, 0) as provider_pending_reports`),
    );
}

export interface ViewOptions {
  /** Also read `queue_waiting`, after a step that may have freed a slot. */
  queueWaiting?: boolean;
  /** Also read `service_output_schema`, before a delivery. */
  outputSchema?: boolean;
}

export type JobRole = "client" | "provider";

export interface JobListQuery {
  role?: JobRole;
  status?: string;
  page: number;
  limit: number;
}

export class JobStore {
  constructor(private readonly knex: Knex) {}

  async find(id: string, o: ViewOptions = {}): Promise<JobWithState | undefined> {
    return (await this.withOptions(selectJobs(this.knex), o).where("j.id", id).first()) as JobWithState | undefined;
  }

  /**
   * `update`, then `find`, in one statement. The view's other reads (the client's counts, the
   * queue) see the database as it was before the update, so this suits changes that move none
   * of them: a job going live, a delivery.
   */
  async updateAndFind(id: string, columns: Partial<JobRow>, o: ViewOptions = {}): Promise<JobWithState> {
    const updated = this.knex("jobs")
      .where({ id })
      .update({ ...columns, updated_at: this.knex.fn.now() })
      .returning("*");
    const job = await this.withOptions(selectJobs(this.knex, "updated_job"), o).with("updated_job", updated).first();
    if (!job) throw new Error(`job ${id} vanished`);
    return job as JobWithState;
  }

  private withOptions(query: Knex.QueryBuilder, o: ViewOptions): Knex.QueryBuilder {
    if (o.queueWaiting) query.select(this.knex.raw(`${QUEUE_WAITING_SQL} as queue_waiting`));
    if (o.outputSchema)
      query.select(
        this.knex.raw(`(select s.output_schema from services s where s.id = j.service_id) as service_output_schema`),
      );
    return query;
  }

  async findByKey(clientAgentId: string, key: string): Promise<JobWithState | undefined> {
    return (await selectJobs(this.knex)
      .where({ "j.client_agent_id": clientAgentId, "j.idempotency_key": key })
      .first()) as JobWithState | undefined;
  }

  /** The agent's jobs, newest first, as client, provider or either. */
  async list(agentId: string, q: JobListQuery): Promise<{ jobs: JobWithState[]; total: number }> {
    const mine = this.knex
      .from(selectJobs(this.knex).as("x"))
      .where((w) => {
        if (q.role !== "provider") w.orWhere("x.client_agent_id", agentId);
        if (q.role !== "client") w.orWhere("x.provider_agent_id", agentId);
      })
      .modify((b) => {
        if (q.status) b.where("x.status", q.status);
      });
    const [{ count }] = await mine.clone().count({ count: "*" });
    const jobs = await mine
      .select("x.*")
      .orderBy([
        { column: "x.created_at", order: "desc" },
        { column: "x.id", order: "desc" },
      ])
      .limit(q.limit)
      .offset((q.page - 1) * q.limit);
    return { jobs: jobs as JobWithState[], total: Number(count) };
  }

  async update(id: string, columns: Partial<JobRow>): Promise<void> {
    await this.knex("jobs")
      .where({ id })
      .update({ ...columns, updated_at: this.knex.fn.now() });
  }

  /**
   * Jobs whose on-chain account is in one of `statuses` and whose `deadline` column passed.
   * `creating` rows count too: a create_job that landed after its request failed (outbox
   * recovery) still has money to settle.
   */
  async due(
    statuses: string[],
    deadline: "review_by" | "deliver_by" | "apply_by",
    now: bigint,
  ): Promise<JobWithState[]> {
    return (await selectJobs(this.knex)
      .whereIn("j.phase", ["creating", "live"])
      .whereNull("cj.closed_at")
      .whereIn("cj.status", statuses)
      .where(`cj.${deadline}`, "<", now.toString())
      .orderBy("j.created_at")) as JobWithState[];
  }

  /** Jobs the API still counts as open whose account the mirror shows closed: settled by someone else's crank. */
  async closedElsewhere(): Promise<JobWithState[]> {
    return (await selectJobs(this.knex)
      .whereIn("j.phase", ["creating", "live"])
      .whereNotNull("cj.closed_at")
      .orderBy("j.created_at")) as JobWithState[];
  }
}
