import { strict as assert } from "node:assert";
import { SlotWaitTimeout, SlotWatermark } from "../src/pipeline/slot-watermark.js";

describe("indexer: slot watermark", () => {
  it("resolves waiters once their slot is reached, and at once for slots already passed", async () => {
    const w = new SlotWatermark();
    const order: number[] = [];
    const a = w.waitFor(5, 1_000).then(() => order.push(5));
    const b = w.waitFor(7, 1_000).then(() => order.push(7));
    w.advance(5);
    await a;
    assert.deepEqual(order, [5]);
    w.advance(4); // never moves back
    assert.equal(w.slot, 5);
    w.advance(9);
    await b;
    await w.waitFor(8, 1);
    assert.deepEqual(order, [5, 7]);
  });

  it("rejects with the slots involved after the timeout, and all waiters on stop", async () => {
    const w = new SlotWatermark();
    w.advance(3);
    await assert.rejects(
      w.waitFor(10, 20),
      (e: unknown) => e instanceof SlotWaitTimeout && /slot 10 .* \(indexed: 3\)/.test(e.message),
    );
    const pending = w.waitFor(11, 10_000);
    w.rejectAll(new Error("indexer stopped"));
    await assert.rejects(pending, /indexer stopped/);
  });
});
