import { strict as assert } from "node:assert";
import { DEFAULT_DATABASE_URL, openDatabase, prepareStatements } from "@justpay/db";
import pg, { type Client } from "pg";

type Rows = { rows: Record<string, unknown>[] };
/** Every call form of pg's `query`, which the package's declared slice does not spell out. */
type AnyQuery = (...args: unknown[]) => Promise<Rows>;

async function prepared(client: Client): Promise<string[]> {
  // Unnamed on purpose: this text has no values, so it is not itself prepared.
  const r = await client.query("select statement from pg_prepared_statements order by prepare_time");
  return r.rows.map((row) => row.statement as string);
}

describe("db: prepared statements", () => {
  let client: Client;
  let query: AnyQuery;
  beforeEach(async () => {
    client = prepareStatements(new pg.Client({ connectionString: DEFAULT_DATABASE_URL }), 3);
    query = client.query.bind(client) as unknown as AnyQuery;
    await client.connect();
  });
  afterEach(async () => client.end());

  it("prepare a parameterised text once per connection, in every call form, with the same answers", async () => {
    const text = "select $1::int + 1 as n";
    assert.equal((await client.query<{ n: number }>(text, [1])).rows[0]!.n, 2);
    assert.equal((await query({ text, values: [2] })).rows[0]!.n, 3);
    assert.equal((await query({ text }, [3])).rows[0]!.n, 4);
    const viaCallback = await new Promise<unknown>((resolve, reject) =>
      query(text, [4], (e: Error | null, r: Rows) => (e ? reject(e) : resolve(r.rows[0]!.n))),
    );
    assert.equal(viaCallback, 5);
    assert.deepEqual(await prepared(client), [text]);
  });

  it("leave texts without values on the simple protocol, so several statements at once still run", async () => {
    await client.query("select 1; select 2");
    await query({ text: "select 3" });
    assert.deepEqual(await prepared(client), []);
  });

  it("keep a caller's own statement name, and stop naming new texts past the limit", async () => {
    await query({ name: "mine", text: "select $1::int as a", values: [1] });
    for (let i = 0; i < 5; i++)
      assert.equal((await client.query<{ n: number }>(`select $1::int + ${i} as n`, [1])).rows[0]!.n, 1 + i);
    const statements = await prepared(client);
    assert.equal(statements.length, 4, "the caller's statement and three named texts");
    assert.ok(statements.includes("select $1::int as a"));
  });

  it("a statement that failed to parse is not remembered: the same text is parsed again later", async () => {
    const text = "select id from later_table where id = $1";
    await assert.rejects(client.query(text, [7]), /does not exist/);
    await client.query("create temporary table later_table (id int)");
    await client.query("insert into later_table values (7)");
    assert.deepEqual((await client.query(text, [7])).rows, [{ id: 7 }]);
  });

  it("every pooled connection of the database prepares its statements", async () => {
    const db = await openDatabase({ pool: { min: 0, max: 1 } });
    try {
      const knex = db.em.getConnection().getKnex();
      await knex.raw("select ?::text as word", ["justpay"]);
      const rows = (await knex.raw("select statement from pg_prepared_statements")).rows as { statement: string }[];
      assert.deepEqual(
        rows.map((r) => r.statement),
        ["select $1::text as word"],
      );
    } finally {
      await db.close(true);
    }
  });
});

describe("db: the connection URL", () => {
  it("a ?host=/directory parameter reaches Postgres through that Unix socket, not TCP", async function () {
    const url = "postgresql://postgres@localhost/test?host=/var/run/postgresql";
    const probe = new pg.Client({ connectionString: url });
    try {
      await probe.connect();
    } catch {
      this.skip(); // no local socket on this machine
    } finally {
      await probe.end().catch(() => undefined);
    }
    const db = await openDatabase({ url, pool: { min: 0, max: 1 } });
    try {
      const knex = db.em.getConnection().getKnex();
      const { rows } = await knex.raw("select inet_client_addr() as address");
      assert.equal(rows[0].address, null, "a Unix-socket session has no client address");
    } finally {
      await db.close(true);
    }
  });
});
