import { strict as assert } from "node:assert";
import type { SendOutcome } from "@justpay/sdk";
import { Indexer } from "../src/indexer.js";
import { freshDatabase, rows, type TestDatabase } from "./support/db.js";
import { assertMirrorEqualsChain, expectedEvents, recordedEvents } from "./support/expectations.js";
import { LocalPlatform } from "./support/local-platform.js";
import { availableOperations, type Operation, randomOperation } from "./support/operations.js";
import { Rng } from "./support/random.js";

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

describe("indexer on LocalChain: killed and restarted", function () {
  this.timeout(300_000);
  let p: LocalPlatform;
  let t: TestDatabase;
  let indexer: Indexer | null = null;
  let rng: Rng;
  let seed: number;
  const operations: Operation[] = availableOperations();
  const sent: SendOutcome[] = [];

  async function operate(count: number, wait: boolean): Promise<void> {
    for (let i = 0; i < count; i++) {
      const done = await randomOperation(p, rng, operations);
      assert.ok(done);
      sent.push(done.outcome);
      const touchesProgram = operations.find((o) => o.kind === done.kind)?.instruction !== null;
      if (wait && touchesProgram) await indexer?.waitForSlot(done.outcome.slot);
    }
  }

  async function assertConverged(context: string): Promise<void> {
    await assertMirrorEqualsChain(p, t.db, `seed ${seed}, ${context}`);
    const recorded = await recordedEvents(t.db, t.schema);
    assert.equal(new Set(recorded).size, recorded.length, "no event is recorded twice");
    assert.deepEqual(recorded, expectedEvents(p, sent), `seed ${seed}, ${context}: events`);
  }

  beforeEach(async () => {
    seed = Number(process.env.INDEXER_TEST_SEED ?? Date.now() % 2_147_483_647);
    rng = new Rng(seed);
    sent.length = 0;
    p = await LocalPlatform.open();
    t = await freshDatabase("restart");
    sent.push(await p.initialize());
  });
  afterEach(async () => {
    indexer?.kill();
    indexer = null;
    await t.drop();
    await p.close();
  });

  it("recovers what it lost in flight and what happened while it was down", async () => {
    // Given an indexer that has followed 20 operations live
    indexer = await Indexer.start({ chain: p.chain, db: t.db, logger: quiet });
    await operate(20, true);
    await assertConverged("before the kill");

    // When it is killed right after a burst, before the burst's notifications were written
    await operate(10, false);
    const lastSent = Math.max(...sent.map((s) => s.slot));
    indexer.kill();
    assert.ok(indexer.indexedSlot < lastSent, "the kill lost items in flight");
    const checkpointAtKill = (await rows(t.db, t.schema, "indexer_checkpoints", "source"))[0];

    // ...and the chain moves on while it is down (jobs close, ledgers change)
    await operate(30, false);

    // Then a new indexer catches up from its checkpoint: snapshot, gap closes, event backfill
    indexer = await Indexer.start({ chain: p.chain, db: t.db, logger: quiet });
    await assertConverged("after the restart");
    const m = indexer.metricsSnapshot();
    assert.ok(m.counters.backfilledTransactions > 0, "events were backfilled by signature");
    if (process.env.INDEXER_TEST_VERBOSE) console.log(seed, m.counters);
    assert.ok(Number(checkpointAtKill?.last_slot) < lastSent);

    // ...and keeps following live
    await operate(10, true);
    await assertConverged("live after the restart");
  });

  it("converges when killed repeatedly at random moments, even during its own catch-up", async () => {
    for (let round = 0; round < 8; round++) {
      const candidate = await Indexer.create({ chain: p.chain, db: t.db, logger: quiet });
      indexer = candidate;
      const running = candidate.run();
      await operate(rng.int(1, 6), false);
      await new Promise((r) => setTimeout(r, rng.int(0, 30)));
      candidate.kill();
      await running;
    }
    indexer = await Indexer.start({ chain: p.chain, db: t.db, logger: quiet });
    await assertConverged("after 8 kills");
  });
});
