import { strict as assert } from "node:assert";
import { accountTypesFromIdl, migrate, schemaBehindIdl } from "@justpay/db";
import { freshDatabase, idlWithFutureAccount, type TestDatabase } from "@justpay/indexer/testing";
import { IDL } from "@justpay/sdk";

async function tables(t: TestDatabase): Promise<string[]> {
  const r = await t.db.em
    .getConnection()
    .execute<{ table_name: string }[]>("select table_name from information_schema.tables where table_schema = ?", [
      t.schema,
    ]);
  return r.map((x) => x.table_name).sort();
}

describe("indexer: migrations", () => {
  let t: TestDatabase;
  afterEach(async () => t?.drop());

  it("create every mirror table of the IDL, the event log and the checkpoints, in the chosen schema", async () => {
    t = await freshDatabase("migrate");
    const expected = [
      ...accountTypesFromIdl(IDL).map((s) => s.table),
      "events",
      "indexer_checkpoints",
      "mikro_orm_migrations",
      // The API's tables share the database and its one migration history.
      "agents",
      "agent_reputation",
      "api_keys",
      "deposit_credits",
      "deposit_scan_cursors",
      "event_cursors",
      "idempotency_keys",
      "services",
      "skipped_events",
      "jobs",
      "job_applications",
      "job_ratings",
      "disputes",
      "proposals",
      "proposal_votes",
      "reports",
      "campaigns",
      "campaign_tasks",
      "campaign_event_totals",
      "tx_intents",
      "webhook_deliveries",
      "withdrawal_requests",
    ].sort();
    assert.deepEqual(await tables(t), expected);
  });

  it("cover the IDL exactly (run `npm run db:migration` when this fails)", async () => {
    t = await freshDatabase("drift");
    assert.equal(await schemaBehindIdl(t.db), false);
  });

  it("are idempotent: a second run applies nothing", async () => {
    t = await freshDatabase("rerun");
    assert.deepEqual(await migrate(t.db), []);
  });

  it("are detected as behind when the IDL gains an account type", async () => {
    t = await freshDatabase("future", { idl: idlWithFutureAccount() });
    assert.equal(await schemaBehindIdl(t.db), true);
  });
});
