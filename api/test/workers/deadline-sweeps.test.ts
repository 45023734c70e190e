/**
 * The deadline sweep registry and its periodic worker: every registered sweep runs at the
 * chain's time, a failing one does not stop the others, and the BullMQ schedule drives it.
 */
import assert from "node:assert/strict";
import { DeadlineRegistry } from "../../src/workers/deadlines/index.js";
import { startDeadlineSweeper } from "../../src/workers/deadlines/sweep-worker.js";
import { eventually } from "../support/eventually.js";
import { startTestApi, type TestApi } from "../support/test-api.js";

describe("deadline sweeps", () => {
  let api: TestApi;
  before(async () => {
    api = await startTestApi({ label: "deadline_sweeps" });
  });
  after(async () => {
    await api?.close();
  });

  it("runs every sweep in order; one that throws is reported and the rest still run", async () => {
    const ran: string[] = [];
    const sweep = (name: string, cranked: number) => ({
      name,
      runDue: async () => {
        ran.push(name);
        return cranked;
      },
    });
    const registry = new DeadlineRegistry([
      sweep("a", 2),
      {
        name: "broken",
        runDue: async () => {
          throw new Error("rpc down");
        },
      },
      sweep("b", 0),
    ]);

    const reports = await registry.runDue(api.ctx, 1_000n);

    assert.deepEqual(ran, ["a", "b"]);
    assert.deepEqual(reports, [
      { name: "a", cranked: 2 },
      { name: "broken", cranked: 0, error: "rpc down" },
      { name: "b", cranked: 0 },
    ]);
    assert.throws(() => registry.register({ name: "a", runDue: async () => 0 }), /registered already/);
  });

  it("the periodic worker sweeps at the chain's time", async () => {
    const times: bigint[] = [];
    const probe = async (_ctx: unknown, now: bigint) => {
      times.push(now);
      return 0;
    };
    const registry = new DeadlineRegistry([{ name: "probe", runDue: probe }]);
    const target = (await api.chain.unixTime()) + 7n * 86_400n;
    await api.chain.warpTo(target);

    // A queue of its own: the stack's sweeper (every 10 s, on DEADLINES) runs beside it.
    const sweeper = await startDeadlineSweeper(api.ctx, { everyMs: 100, registry, queue: "deadline-sweeps-probe" });
    try {
      await eventually("two sweeps", async () => (times.length >= 2 ? true : undefined));
    } finally {
      await sweeper.stop();
      await sweeper.worker.close();
    }

    assert.ok(
      times.every((t) => t >= target),
      `${times} ≥ ${target}`,
    );
  });
});
