/**
 * The pieces that let API replicas, workers and indexers run as separate processes, on the
 * real Postgres and Redis: read-your-writes through LISTEN/NOTIFY, the indexer's status
 * beacon, and the leader lock. Each "process" here has its own connections, as it would.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { databaseUrl } from "@justpay/db";
import { Indexer, SlotWaitTimeout } from "@justpay/indexer";
import { freshDatabase, LocalPlatform, type TestDatabase } from "@justpay/indexer/testing";
import type { Redis } from "ioredis";
import pg from "pg";
import { pino } from "pino";
import { publishIndexerBeacon } from "../../src/runtime/indexer-beacon.js";
import { indexerStatus } from "../../src/runtime/indexer-view.js";
import { runAsLeader } from "../../src/runtime/leader-lock.js";
import { ListeningIndexerView } from "../../src/runtime/listening-indexer-view.js";
import { DEFAULT_REDIS_URL, deleteKeyspace, openRedis } from "../../src/runtime/open-redis.js";

const log = pino({ level: "silent" });
const until = async (check: () => boolean, timeoutMs: number) => {
  for (const started = Date.now(); !check(); ) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not reached in time");
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe("cross-process coordination", function () {
  this.timeout(60_000);

  describe("read-your-writes through LISTEN/NOTIFY", () => {
    let p: LocalPlatform;
    let t: TestDatabase;
    let indexer: Indexer;
    let redis: Redis;
    let view: ListeningIndexerView;
    const keyspace = `t_rywnotify_${randomBytes(3).toString("hex")}`;

    before(async () => {
      p = await LocalPlatform.open();
      await p.initialize();
      t = await freshDatabase("notify");
      indexer = await Indexer.start({
        chain: p.chain,
        db: t.db,
        notify: true,
        logger: { info() {}, warn() {}, error() {} },
      });
      redis = await openRedis(process.env.REDIS_URL ?? DEFAULT_REDIS_URL);
      // The "API replica": its own connection, knowing the indexer only through Postgres and Redis.
      view = await ListeningIndexerView.open({ databaseUrl: databaseUrl(), schema: t.schema, redis, keyspace, log });
    });
    after(async () => {
      await view?.close();
      await indexer?.stop();
      await deleteKeyspace(redis, keyspace);
      await redis?.quit();
      await t?.drop();
      await p?.close();
    });

    it("starts from the checkpoint, then follows each advance the indexer announces", async () => {
      // Given the view knows what the indexer had committed when it connected
      assert.equal(view.indexedSlot, indexer.indexedSlot);
      // When a program transaction lands
      const agent = p.newAgent();
      const ix = await p.program.methods
        .registerAgent()
        .accountsPartial({ payer: p.chain.feePayer.publicKey, wallet: agent.wallet.publicKey, agent: agent.ledger })
        .instruction();
      const landed = await p.sendOk([ix], [agent.wallet]);
      // Then the replica's wait ends on the notification, and the mirror already has the row
      await view.waitForSlot(landed.slot, 5_000);
      assert.ok(view.indexedSlot >= landed.slot);
      const { rows } = await t.db.em
        .getConnection()
        .getKnex()
        .raw(`select pubkey from "${t.schema}".chain_agent where wallet = ?`, [agent.wallet.publicKey.toBase58()]);
      assert.deepEqual(rows, [{ pubkey: agent.ledger.toBase58() }]);
    });

    it("times out for a slot nobody has indexed", async () => {
      await assert.rejects(view.waitForSlot(view.indexedSlot + 1_000, 200), SlotWaitTimeout);
    });

    it("listens on a channel of its own schema, so parallel mirrors do not wake each other", async () => {
      assert.equal(view.channel, `justpay_indexed:${t.schema}`);
      const before = view.indexedSlot;
      const other = new pg.Client({ connectionString: databaseUrl() });
      await other.connect();
      await other.query("select pg_notify($1, $2)", ["justpay_indexed:t_someone_else", String(before + 500)]);
      await other.end();
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(view.indexedSlot, before);
    });

    it("reports the indexer's health from its Redis beacon, and not live without one", async () => {
      assert.equal((await view.status()).live, false, "no beacon yet");
      const stopBeacon = publishIndexerBeacon(redis, keyspace, () => indexerStatus(indexer));
      await new Promise((r) => setTimeout(r, 50));
      const status = await view.status();
      assert.equal(status.live, true);
      assert.equal(status.indexedSlot, indexer.indexedSlot);
      await stopBeacon();
      assert.equal((await view.status()).live, false, "a stopped indexer withdraws its beacon");
    });
  });

  describe("the leader lock", () => {
    const name = `test-leader:${process.pid}:${randomBytes(4).toString("hex")}`;

    it("lets one process lead, and a standby take over when it stops", async () => {
      const events: string[] = [];
      const contender = (id: string) =>
        runAsLeader({
          databaseUrl: databaseUrl(),
          name,
          log,
          retryMs: 100,
          lead: async () => {
            events.push(`${id} leads`);
            return async () => {
              events.push(`${id} stops`);
            };
          },
        });
      // Given two contenders for the same lock
      const a = contender("a");
      await until(() => a.leading, 5_000);
      const b = contender("b");
      // Then only the first leads while it holds the lock
      await new Promise((r) => setTimeout(r, 400));
      assert.equal(b.leading, false);
      assert.deepEqual(events, ["a leads"]);
      // When it stops, Then the standby takes over
      await a.stop();
      await until(() => b.leading, 5_000);
      assert.deepEqual(events, ["a leads", "a stops", "b leads"]);
      await b.stop();
      assert.deepEqual(events, ["a leads", "a stops", "b leads", "b stops"]);
    });

    it("stands a leader down when its database session dies, and frees the lock for the next", async () => {
      let leading = 0;
      let stoppedLeading = 0;
      const leader = runAsLeader({
        databaseUrl: databaseUrl(),
        name: `${name}:session`,
        log,
        retryMs: 100,
        lead: async () => {
          leading += 1;
          return async () => {
            stoppedLeading += 1;
          };
        },
      });
      await until(() => leader.leading, 5_000);
      // When the session holding the lock is killed (a network cut, a failover)
      const admin = new pg.Client({ connectionString: databaseUrl() });
      await admin.connect();
      await admin.query(
        "select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and objid = hashtext($1)::oid",
        [`${name}:session`],
      );
      await admin.end();
      // Then it stops acting, and (being the only contender) takes the lock again
      await until(() => stoppedLeading === 1, 5_000);
      await until(() => leading === 2 && leader.leading, 5_000);
      await leader.stop();
      assert.equal(stoppedLeading, 2);
    });
  });
});
