import { strict as assert } from "node:assert";
import { accountTypesFromIdl } from "@justpay/db";
import { IDL } from "@justpay/sdk";
import { Keypair } from "@solana/web3.js";
import { type AccountRow, type EventRecord, MirrorStore, type WriteBatch } from "../src/store/mirror-store.js";
import { schemaCoverage } from "../src/store/schema-coverage.js";
import { freshDatabase, rows, type TestDatabase } from "./support/db.js";

const agentRow = (pubkey: string, slot: number, available: string): AccountRow => {
  const wallet = Keypair.generate().publicKey.toBase58();
  return {
    pubkey,
    slot,
    values: {
      wallet,
      emergency_address: wallet,
      withdrawal_address: wallet,
      available,
      total_deposited: available,
      total_withdrawn: "0",
      cooldown_until: "0",
      activated: 1,
      bump: 255,
    },
  };
};

const batch = (parts: Partial<WriteBatch>): WriteBatch => ({
  upserts: new Map(),
  closes: [],
  events: [],
  checkpoint: null,
  ...parts,
});

const event = (signature: string, index: number, slot: number): EventRecord => ({
  signature,
  index,
  slot,
  name: "Deposited",
  data: { amount: "5" },
  mentions: ["A", "B"],
  blockTime: 1_700_000_000,
});

describe("indexer: mirror store (Postgres)", () => {
  let t: TestDatabase;
  let store: MirrorStore;
  const pubkey = Keypair.generate().publicKey.toBase58();

  beforeEach(async () => {
    t = await freshDatabase("store");
    const knex = t.db.em.getConnection().getKnex();
    const coverage = await schemaCoverage(knex, t.schema, accountTypesFromIdl(IDL));
    store = new MirrorStore(knex, t.schema, coverage.mirrored);
  });
  afterEach(async () => t.drop());

  const available = async () => (await rows(t.db, t.schema, "chain_agent")).map((r) => [r.slot, r.available]);

  it("lets the newer slot win, and the later write win within a slot", async () => {
    await store.write(batch({ upserts: new Map([["Agent", [agentRow(pubkey, 10, "100")]]]) }));
    await store.write(batch({ upserts: new Map([["Agent", [agentRow(pubkey, 9, "90")]]]) }));
    assert.deepEqual(await available(), [["10", "100"]], "an older slot never overwrites");
    await store.write(batch({ upserts: new Map([["Agent", [agentRow(pubkey, 10, "101")]]]) }));
    assert.deepEqual(await available(), [["10", "101"]]);
    await store.write(batch({ upserts: new Map([["Agent", [agentRow(pubkey, 12, "120")]]]) }));
    assert.deepEqual(await available(), [["12", "120"]]);
  });

  it("keeps closed rows with closed_at set, ignores stale closes, and reopens on a newer write", async () => {
    await store.write(batch({ upserts: new Map([["Agent", [agentRow(pubkey, 10, "100")]]]) }));
    await store.write(batch({ closes: [{ pubkey, slot: 9 }] }));
    assert.equal((await rows(t.db, t.schema, "chain_agent"))[0]?.closed_at, null, "a stale close is ignored");

    await store.write(batch({ closes: [{ pubkey, slot: 11 }] }));
    const [closed] = await rows(t.db, t.schema, "chain_agent");
    assert.ok(closed?.closed_at, "closed_at is set");
    assert.equal(closed.slot, "11");
    assert.equal(closed.available, "100", "the last state is kept");

    await store.write(batch({ closes: [{ pubkey, slot: 11 }] }));
    const [again] = await rows(t.db, t.schema, "chain_agent");
    assert.deepEqual(again?.closed_at, closed.closed_at, "a replayed close keeps the first closing time");

    await store.write(batch({ upserts: new Map([["Agent", [agentRow(pubkey, 13, "5")]]]) }));
    assert.equal((await rows(t.db, t.schema, "chain_agent"))[0]?.closed_at, null);
  });

  it("closes exactly the named accounts among many, probing each mirror table by primary key", async () => {
    // Given 3 000 agent rows
    const knex = t.db.em.getConnection().getKnex();
    const keys = Array.from({ length: 3_000 }, () => Keypair.generate().publicKey.toBase58());
    await store.write(batch({ upserts: new Map([["Agent", keys.map((k) => agentRow(k, 10, "1"))]]) }));
    await knex.raw(`analyze "${t.schema}".chain_agent`);
    // When three of them close, in a batch that also upserts one of the others
    const statements: string[] = [];
    const record = (q: { sql: string }) => statements.push(q.sql);
    knex.on("query", record);
    const result = await store
      .write(
        batch({
          closes: keys.slice(0, 3).map((k) => ({ pubkey: k, slot: 11 })),
          upserts: new Map([["Agent", [agentRow(keys[3]!, 11, "2")]]]),
        }),
      )
      .finally(() => knex.removeListener("query", record));
    // Then exactly those three are closed, the upsert applied, the rest untouched
    assert.deepEqual(result, { upserted: 1, closed: 3, events: 0 });
    const closed = (await rows(t.db, t.schema, "chain_agent")).filter((r) => r.closed_at !== null);
    assert.deepEqual(closed.map((r) => r.pubkey).sort(), keys.slice(0, 3).sort());
    // And the statement that did it finds the closed rows through the primary key, not a scan
    const sql = statements.find((q) => q.includes("closed_keys"))!;
    const shapeOnly = sql.replace(/\$\d+/g, "?");
    const closesOnly = await knex.raw(`explain ${shapeOnly}`, [
      JSON.stringify(keys.slice(0, 3).map((k) => ({ pubkey: k, slot: 12 }))),
      JSON.stringify([agentRow(keys[3]!, 12, "3")].map((r) => ({ ...r.values, pubkey: r.pubkey, slot: r.slot }))),
      "[]",
      null,
      null,
      null,
      null,
    ]);
    const plan = (closesOnly.rows as { "QUERY PLAN": string }[]).map((r) => r["QUERY PLAN"]).join("\n");
    assert.doesNotMatch(plan, /Seq Scan on chain_agent/);
    assert.match(plan, /Index Scan (using|on) chain_agent_pkey/);
  });

  it("writes a batch of events alone without touching a mirror table", async () => {
    const knex = t.db.em.getConnection().getKnex();
    const statements: string[] = [];
    const record = (q: { sql: string }) => statements.push(q.sql);
    knex.on("query", record);
    const result = await store
      .write(batch({ events: [event("sig-alone", 0, 5)] }))
      .finally(() => knex.removeListener("query", record));
    assert.deepEqual(result, { upserted: 0, closed: 0, events: 1 });
    assert.equal(statements.length, 1);
    assert.doesNotMatch(statements[0]!, /chain_/);
  });

  it("records events once per (signature, index), however often they are replayed", async () => {
    await store.write(batch({ events: [event("sig1", 0, 5), event("sig1", 1, 5)] }));
    await store.write(batch({ events: [event("sig1", 0, 5), event("sig1", 1, 5), event("sig2", 0, 6)] }));
    const stored = await rows(t.db, t.schema, "events", "signature, event_index");
    assert.deepEqual(
      stored.map((e) => [e.signature, e.event_index, e.slot, e.name, e.data, e.mentions]),
      [
        ["sig1", 0, "5", "Deposited", { amount: "5" }, ["A", "B"]],
        ["sig1", 1, "5", "Deposited", { amount: "5" }, ["A", "B"]],
        ["sig2", 0, "6", "Deposited", { amount: "5" }, ["A", "B"]],
      ],
    );
    assert.equal(new Date(String(stored[0]?.block_time)).getTime(), 1_700_000_000_000);
  });

  it("moves the checkpoint forward only", async () => {
    await store.write(batch({ checkpoint: { source: "s", slot: 10, signature: "b" } }));
    await store.write(batch({ checkpoint: { source: "s", slot: 8, signature: "a" } }));
    assert.deepEqual(await store.loadCheckpoint("s"), { source: "s", slot: 10, signature: "b" });
    await store.write(batch({ checkpoint: { source: "s", slot: 12, signature: null } }));
    assert.deepEqual(await store.loadCheckpoint("s"), { source: "s", slot: 12, signature: "b" });
    assert.equal(await store.loadCheckpoint("other"), null);
  });

  it("closes the open rows a snapshot no longer contains", async () => {
    const gone = Keypair.generate().publicKey.toBase58();
    const newer = Keypair.generate().publicKey.toBase58();
    await store.write(
      batch({
        upserts: new Map([["Agent", [agentRow(pubkey, 10, "1"), agentRow(gone, 10, "2"), agentRow(newer, 30, "3")]]]),
      }),
    );
    assert.equal(await store.closeMissing(20, [pubkey]), 1);
    const byKey = new Map((await rows(t.db, t.schema, "chain_agent")).map((r) => [r.pubkey, r]));
    assert.equal(byKey.get(pubkey)?.closed_at, null);
    assert.ok(byKey.get(gone)?.closed_at);
    assert.equal(byKey.get(gone)?.slot, "20");
    assert.equal(byKey.get(newer)?.closed_at, null, "rows newer than the snapshot are not judged by it");
  });

  it("an announcing write NOTIFYs its slot on commit, when its rows are visible; a plain one does not", async () => {
    const knex = t.db.em.getConnection().getKnex();
    const channel = `t_announce_${t.schema}`.slice(0, 63);
    const listener = await knex.client.acquireConnection();
    const heard: { payload: string; agents: number }[] = [];
    const handlers: Promise<void>[] = [];
    listener.on("notification", (n: { channel: string; payload: string }) => {
      if (n.channel !== channel) return;
      // What a listener reads on hearing the slot: the batch's rows must already be there.
      handlers.push(
        rows(t.db, t.schema, "chain_agent").then((r) => {
          heard.push({ payload: n.payload, agents: r.length });
        }),
      );
    });
    try {
      await listener.query(`listen "${channel}"`);
      await store.write(batch({ upserts: new Map([["Agent", [agentRow(pubkey, 7, "1")]]]) }));
      await store.write(batch({ upserts: new Map([["Agent", [agentRow(pubkey, 8, "2")]]]) }), { channel, slot: 8 });
      for (let i = 0; i < 50 && heard.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 20));
        await Promise.all(handlers);
      }
      assert.deepEqual(heard, [{ payload: "8", agents: 1 }]);
    } finally {
      await listener.query(`unlisten "${channel}"`);
      await knex.client.releaseConnection(listener);
    }
  });
});
