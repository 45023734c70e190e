import { strict as assert } from "node:assert";
import type { SendOutcome } from "@justpay/sdk";
import { RpcChain } from "@justpay/sdk";
import { type RpcStandIn, startRpcStandIn } from "@justpay/sdk/testing";
import { formatReport } from "../src/audit/report.js";
import { runAudit } from "../src/audit/run-audit.js";
import { Indexer } from "../src/indexer.js";
import { freshDatabase, type TestDatabase } from "./support/db.js";
import { expectedEvents, recordedEvents } from "./support/expectations.js";
import { LocalPlatform } from "./support/local-platform.js";
import { availableOperations, randomOperation } from "./support/operations.js";
import { Rng } from "./support/random.js";

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

/** Over RPC the account and log streams are separate sockets: the mirror converges, it is not slot-synchronous. */
async function eventually(check: () => Promise<string | null>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let problem: string | null = "never checked";
  while (Date.now() < deadline) {
    problem = await check();
    if (problem === null) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(problem ?? "timed out");
}

describe("indexer over RpcChain (JSON-RPC stand-in)", function () {
  this.timeout(300_000);
  let p: LocalPlatform;
  let standin: RpcStandIn;
  let rpc: RpcChain;
  let t: TestDatabase;
  let indexer: Indexer;
  const sent: SendOutcome[] = [];

  before(async () => {
    p = await LocalPlatform.open();
    standin = await startRpcStandIn(p.chain);
    rpc = await RpcChain.connect({
      rpcUrl: standin.url,
      wsUrl: standin.wsUrl,
      programId: p.chain.programId,
      pollIntervalMs: 5,
      rebroadcastIntervalMs: 20,
    });
    t = await freshDatabase("rpc");
    indexer = await Indexer.start({ chain: rpc, db: t.db, logger: quiet });
    await rpc.subscriptionsReady();
  });
  after(async () => {
    await indexer?.stop();
    await rpc?.close();
    await standin?.close();
    await t?.drop();
    await p?.close();
  });

  const converged = (context: string) =>
    eventually(async () => {
      // The audit reads the chain through the same RPC node the indexer follows.
      const report = await runAudit({ chain: rpc, db: t.db, recheckDelayMs: 0 });
      if (!report.ok) return `${context}\n${formatReport(report)}`;
      const recorded = await recordedEvents(t.db, t.schema);
      const expected = expectedEvents(p, sent);
      return JSON.stringify(recorded) === JSON.stringify(expected) ? null : `${context}: events differ`;
    });

  it("follows the program live, seeing closes through events, and backfills after dropped WebSockets", async () => {
    const rng = new Rng(Number(process.env.INDEXER_TEST_SEED ?? 11));
    const operations = availableOperations();
    sent.push(await p.initialize());
    const operate = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const done = await randomOperation(p, rng, operations);
        assert.ok(done);
        sent.push(done.outcome);
      }
    };

    // Given a live indexer over RPC, when jobs are created, settled and refunded
    await operate(60);
    // Then the mirror converges, settled jobs closed although programSubscribe never reports a close
    await converged("live");
    const closes = indexer.metricsSnapshot().counters.accountCloses;

    // When the node drops every WebSocket and the program moves on meanwhile
    standin.dropWebSockets();
    await operate(30);
    await rpc.subscriptionsReady();
    await operate(5);

    // Then the resubscription triggers a resync that recovers what the stream missed
    await converged("after the WebSocket drop");
    const m = indexer.metricsSnapshot();
    assert.ok(m.counters.resyncs >= 2, `a resync followed the reconnect (resyncs: ${m.counters.resyncs})`);
    assert.ok(closes > 0, "closes were seen live, through the events' accounts");
  });
});
