import { strict as assert } from "node:assert";
import type { SendOutcome } from "@justpay/sdk";
import { Indexer } from "../src/indexer.js";
import { freshDatabase, rows, type TestDatabase } from "./support/db.js";
import { assertMirrorEqualsChain, expectedEvents, recordedEvents } from "./support/expectations.js";
import { LocalPlatform } from "./support/local-platform.js";
import { availableOperations, randomOperation } from "./support/operations.js";
import { Rng } from "./support/random.js";

const OPERATIONS = Number(process.env.INDEXER_TEST_OPERATIONS ?? 60);
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

describe("indexer on LocalChain: random program operations", function () {
  this.timeout(300_000);
  let p: LocalPlatform;
  let t: TestDatabase;
  let indexer: Indexer;

  before(async () => {
    p = await LocalPlatform.open();
    t = await freshDatabase("sync");
    indexer = await Indexer.start({ chain: p.chain, db: t.db, logger: quiet });
  });
  after(async () => {
    await indexer?.stop();
    await t?.drop();
    await p?.close();
  });

  it("keeps the mirror equal to the chain, account by account, after every operation", async () => {
    const seed = Number(process.env.INDEXER_TEST_SEED ?? Date.now() % 2_147_483_647);
    const rng = new Rng(seed);
    const operations = availableOperations();
    const sent: SendOutcome[] = [];
    const kinds = new Map<string, number>();

    // Given an initialized platform
    const init = await p.initialize();
    sent.push(init);
    await indexer.waitForSlot(init.slot);
    await assertMirrorEqualsChain(p, t.db, `seed ${seed}, after initialize_config`);

    for (let i = 0; i < OPERATIONS; i++) {
      // When a random operation lands
      const done = await randomOperation(p, rng, operations);
      assert.ok(done, "some operation always applies");
      const { kind, outcome } = done;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      sent.push(outcome);
      const touchesProgram = operations.find((o) => o.kind === kind)?.instruction !== null;
      // Then, once the indexer reached its slot, the mirror equals the chain
      if (touchesProgram) await indexer.waitForSlot(outcome.slot);
      await assertMirrorEqualsChain(p, t.db, `seed ${seed}, operation ${i} (${kind}, err ${outcome.err})`);
    }

    if (process.env.INDEXER_TEST_VERBOSE) console.log(seed, Object.fromEntries(kinds));
    assert.deepEqual(await recordedEvents(t.db, t.schema), expectedEvents(p, sent), `seed ${seed}: events`);
    assert.ok((kinds.get("register_agent") ?? 0) > 0 && (kinds.get("deposit") ?? 0) > 0, `seed ${seed}: ${[...kinds]}`);
    const agents = await rows(t.db, t.schema, "chain_agent");
    assert.equal(agents.length, p.agents.filter((a) => a.registered).length);
    const m = indexer.metricsSnapshot();
    assert.equal(m.counters.unknownAccounts, 0);
    assert.equal(m.counters.decodeErrors, 0);
    assert.equal(m.slotLag, 0);
  });
});
