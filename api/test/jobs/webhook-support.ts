/**
 * Shared by the tests of the job webhooks, which the job-events worker sends from the indexed
 * program events: waiting until it has handled every job event indexed so far, and the
 * deliveries it recorded for an agent and a job.
 */
import { JOB_EVENT_NAMES } from "../../src/jobs/job-event-notices.js";
import { JOB_EVENTS_CURSOR } from "../../src/workers/job-events.js";
import { eventually } from "../support/eventually.js";
import type { TestApi } from "../support/test-api.js";

/** Resolves once the job webhooks cursor is past every job event indexed at the call. */
export async function jobEventsCaughtUp(api: TestApi, cursor = JOB_EVENTS_CURSOR): Promise<void> {
  await eventually(`the ${cursor} cursor past every job event`, async () => {
    const { rows } = await api.ctx.knex.raw(
      `select 1 from event_cursors c
        where c.name = ? and not exists (
          select 1 from events e
           where e.name = any(?) and (e.slot, e.signature, e.event_index) > (c.slot, c.signature, c.event_index))`,
      [cursor, [...JOB_EVENT_NAMES]],
    );
    return rows.length === 1 ? true : undefined;
  });
}

export interface RecordedDelivery {
  id: string;
  event: string;
  url: string;
  payload: Record<string, unknown>;
}

/** The webhook deliveries recorded for `agentId` about `jobId`, oldest first. */
export async function jobDeliveries(api: TestApi, agentId: string, jobId: string): Promise<RecordedDelivery[]> {
  const { rows } = await api.ctx.knex.raw(
    `select id, event, url, payload from webhook_deliveries
      where agent_id = ? and payload->>'jobId' = ? order by created_at, id`,
    [agentId, jobId],
  );
  return rows as RecordedDelivery[];
}
