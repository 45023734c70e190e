/** Shutdown steps, run once in reverse order of opening; a failing step is logged and skipped. */
import type { Logger } from "./logger.js";

export class Closer {
  private readonly steps: [string, () => Promise<unknown>][] = [];
  constructor(private readonly log: Logger) {}

  add(name: string, step: () => Promise<unknown>): void {
    this.steps.push([name, step]);
  }

  async run(): Promise<void> {
    for (const [name, step] of this.steps.splice(0).reverse()) {
      try {
        await step();
      } catch (err) {
        this.log.error({ err }, `closing ${name} failed`);
      }
    }
  }
}
