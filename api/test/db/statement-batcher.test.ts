import assert from "node:assert/strict";
import { StatementBatcher } from "../../src/db/statement-batcher.js";

/** A write that takes a tick and records each batch it was given. */
function recordingWrite(fail?: (items: number[]) => boolean) {
  const batches: number[][] = [];
  const write = async (items: number[]) => {
    batches.push(items);
    await new Promise((r) => setTimeout(r, 5));
    if (fail?.(items)) throw new Error(`refused ${items.join(",")}`);
  };
  return { batches, write };
}

describe("db: statement batcher (group commit)", () => {
  it("writes a lone item at once, in a statement of its own", async () => {
    const { batches, write } = recordingWrite();
    const batcher = new StatementBatcher(write);
    const submitted = batcher.submit(1);
    assert.deepEqual(batches, [[1]]); // started synchronously, no timer in between
    await submitted;
  });

  it("sends what arrives during a statement together in the next, in order, and resolves each after its own", async () => {
    const { batches, write } = recordingWrite();
    const batcher = new StatementBatcher(write);
    const done: number[] = [];
    const all = [1, 2, 3, 4].map((n) => batcher.submit(n).then(() => done.push(n)));
    await Promise.all(all);
    assert.deepEqual(batches, [[1], [2, 3, 4]]);
    assert.deepEqual(done, [1, 2, 3, 4]);
  });

  it("caps a statement at maxBatch items", async () => {
    const { batches, write } = recordingWrite();
    const batcher = new StatementBatcher(write, 2);
    await Promise.all([1, 2, 3, 4, 5].map((n) => batcher.submit(n)));
    assert.deepEqual(batches, [[1], [2, 3], [4, 5]]);
  });

  it("fails every item of a failed statement, and only those; later items still go out", async () => {
    const { batches, write } = recordingWrite((items) => items.includes(2));
    const batcher = new StatementBatcher(write);
    const outcomes = await Promise.allSettled([1, 2, 3].map((n) => batcher.submit(n)));
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ["fulfilled", "rejected", "rejected"],
    );
    await batcher.submit(4);
    assert.deepEqual(batches, [[1], [2, 3], [4]]);
  });
});
