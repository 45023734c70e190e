/**
 * Runs tasks one at a time in submission order. Every state change of LocalChain goes through
 * one queue, so the log's order is the execution order even when callers send concurrently.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(task);
    // A failed task must not poison the queue for the next caller.
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once everything submitted so far has finished. */
  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}
