/**
 * The extension point for background work: a `WorkerModule` starts its BullMQ workers (and
 * schedules) through `ctx.queues`, which closes them at shutdown. Modules are listed in
 * `workers/index.ts` and run in the worker role (`npm run start:worker`, N processes) and in
 * the one-process local stack. Jobs must be idempotent: BullMQ delivers at least once. A
 * module that runs a loop of its own (not a BullMQ worker) returns how to stop it; the stack
 * runs that at shutdown, before the queues and the database close.
 */
import type { AppContext } from "../context.js";

export interface WorkerModule {
  name: string;
  start(ctx: AppContext): Promise<void | (() => Promise<void>)>;
}
