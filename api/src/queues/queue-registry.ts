/**
 * Every BullMQ queue and worker of the process, created through one place so they all share
 * the Redis connection settings and the key prefix (tests get a unique prefix and delete it
 * afterwards), and so `/metrics` and shutdown see them all.
 *
 * Queues (producers) can live in any process; `worker(...)` is only called by processes in
 * the worker role (or the one-process local stack).
 */
import { type Job, type JobsOptions, Queue, Worker, type WorkerOptions } from "bullmq";
import type { Redis } from "ioredis";

export type JobProcessor<T = unknown, R = unknown> = (job: Job<T, R>) => Promise<R>;

export const QUEUE_STATES = [
  "waiting",
  "active",
  "delayed",
  "failed",
  "completed",
  "prioritized",
  "waiting-children",
] as const;
export type QueueState = (typeof QUEUE_STATES)[number];

export class QueueRegistry {
  private readonly queues = new Map<string, Queue>();
  private readonly workers: Worker[] = [];
  /** Workers' own connections: BullMQ leaves a connection it was given open, so we close them. */
  private readonly connections: Redis[] = [];

  constructor(
    /** Shared by every queue: producers only send commands, they never block. */
    private readonly redis: Redis,
    /** Namespaces every BullMQ key: `<prefix>:<queue>:…`. */
    readonly prefix: string,
  ) {}

  queue<T = unknown>(name: string, defaultJobOptions?: JobsOptions): Queue<T> {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.redis, prefix: this.prefix, defaultJobOptions });
      this.queues.set(name, queue);
    }
    return queue as Queue<T>;
  }

  /** Starts consuming `name`. A worker blocks on Redis, so it gets its own connection. */
  worker<T, R>(
    name: string,
    processor: JobProcessor<T, R>,
    options: Omit<WorkerOptions, "connection" | "prefix"> = {},
  ): Worker<T, R> {
    const connection = this.redis.duplicate({ maxRetriesPerRequest: null });
    this.connections.push(connection);
    const worker = new Worker<T, R>(name, processor, { ...options, connection, prefix: this.prefix });
    this.workers.push(worker as unknown as Worker);
    return worker;
  }

  names(): string[] {
    return [...new Set([...this.queues.keys(), ...this.workers.map((w) => w.name)])].sort();
  }

  /** Job counts per state for every known queue (for `/metrics`). */
  async depths(): Promise<Record<string, Record<QueueState, number>>> {
    const out: Record<string, Record<QueueState, number>> = {};
    for (const name of this.names()) {
      out[name] = (await this.queue(name).getJobCounts(...QUEUE_STATES)) as Record<QueueState, number>;
    }
    return out;
  }

  /** Workers finish their current job first; then the queues let go of Redis. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    await Promise.all(this.connections.map((c) => c.quit().catch(() => c.disconnect())));
    this.workers.length = 0;
    this.connections.length = 0;
    this.queues.clear();
  }
}
