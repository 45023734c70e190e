import { strict as assert } from "node:assert";
import { freshDatabase, type TestDatabase } from "@justpay/indexer/testing";

/**
 * The API looks up one account's events of one kind on every settlement and campaign step
 * ("the JobSettled of this job"). Over a long history that must stay one index lookup, not a
 * read of every event of that kind.
 */
describe("db: the event log's account-and-kind lookup", () => {
  let t: TestDatabase;
  before(async () => {
    t = await freshDatabase("event_lookup");
    const knex = t.db.em.getConnection().getKnex();
    // 6 000 events: a JobSettled, a JobCreated and a Deposited for each of 2 000 accounts
    await knex.raw(
      `insert into "${t.schema}".events (signature, event_index, slot, name, data, mentions)
       select 'sig-' || i, k, i, (array['JobSettled', 'JobCreated', 'Deposited'])[k + 1], '{}'::jsonb,
              array['account-' || i, 'platform']
       from generate_series(1, 2000) i, generate_series(0, 2) k`,
    );
    await knex.raw(`analyze "${t.schema}".events`);
  });
  after(async () => t?.drop());

  it("reads only the account's event of that kind, through the (mentions, name) index", async () => {
    const knex = t.db.em.getConnection().getKnex();
    const { rows } = await knex.raw(
      `explain (analyze, format json)
       select data from "${t.schema}".events e
        where e.name = 'JobSettled' and e.mentions @> array['account-1234']
        order by e.slot desc limit 1`,
    );
    const plan = JSON.stringify(rows[0]["QUERY PLAN"]);
    assert.match(plan, /"Index Name":"events_mentions_name_idx"/);
    assert.doesNotMatch(plan, /"Rows Removed by (Filter|Index Recheck)":[1-9]/);
    assert.doesNotMatch(plan, /Seq Scan/);
  });
});
