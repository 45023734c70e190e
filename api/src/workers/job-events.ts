/**
 * The job webhooks, driven by the indexed program events: one follower of `events` under the
 * cursor `job-webhooks` (see event-follower.ts) sends each job event's notices
 * (api/src/jobs/job-event-notices.ts). Every worker process runs it; the cursor's row lock lets
 * one pass run at a time, and the notices' delivery ids make a replayed event send nothing new.
 */
import { handleJobEvent, JOB_EVENT_NAMES } from "../jobs/job-event-notices.js";
import { type Follower, type FollowerOptions, startFollower } from "./event-follower.js";
import type { WorkerModule } from "./worker-module.js";

export const JOB_EVENTS_CURSOR = "job-webhooks";

export const JOB_EVENTS_FOLLOWER: FollowerOptions = {
  name: JOB_EVENTS_CURSOR,
  events: JOB_EVENT_NAMES,
  handle: handleJobEvent,
};

export const jobEvents: WorkerModule = {
  name: "job-events",
  async start(ctx) {
    const follower: Follower = startFollower(ctx, JOB_EVENTS_FOLLOWER);
    return () => follower.stop();
  },
};
