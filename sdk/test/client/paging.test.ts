import assert from "node:assert/strict";
import { JustPayClient } from "@justpay/sdk/client";
import { type Received, ScriptedServer } from "./scripted-server.js";

/** A list of `total` rows served `limit` at a time, as the API pages them. */
function pagedRows(key: string, total: number, row: (i: number) => object) {
  return (r: Received) => {
    const url = new URL(r.url, "http://x");
    const page = Number(url.searchParams.get("page") ?? 1);
    const limit = Number(url.searchParams.get("limit") ?? 20);
    const from = (page - 1) * limit;
    const rows = Array.from({ length: Math.max(0, Math.min(limit, total - from)) }, (_, i) => row(from + i));
    return { body: { [key]: rows, pagination: { page, limit, total } } };
  };
}

describe("client: iterators across pages", () => {
  let server: ScriptedServer;
  beforeEach(async () => {
    server = await new ScriptedServer().start();
  });
  afterEach(() => server.stop());

  it("iterateTransactions walks every page and stops at the total", async () => {
    server.answer(pagedRows("transactions", 5, (i) => ({ id: `t${i}`, amount: String(i * 10) })));
    const c = new JustPayClient({ baseUrl: server.url, apiKey: "k" });
    const seen: Array<[string, bigint]> = [];
    for await (const entry of c.wallet.iterateTransactions({ limit: 2, type: "deposit" }))
      seen.push([entry.id, entry.amount]);
    assert.deepEqual(seen, [
      ["t0", 0n],
      ["t1", 10n],
      ["t2", 20n],
      ["t3", 30n],
      ["t4", 40n],
    ]);
    assert.deepEqual(
      server.received.map((r) => r.url),
      [1, 2, 3].map((p) => `/api/v1/wallet/transactions?limit=2&type=deposit&page=${p}`),
    );
  });

  it("an exact multiple of the limit needs no extra empty page; an empty list takes one request", async () => {
    server.answer(pagedRows("services", 4, (i) => ({ id: `s${i}`, pricePerJob: "1000" })));
    const c = new JustPayClient({ baseUrl: server.url });
    const ids: string[] = [];
    for await (const s of c.services.iterateDiscover({ limit: 2 })) ids.push(s.id);
    assert.deepEqual(ids, ["s0", "s1", "s2", "s3"]);
    assert.equal(server.received.length, 2);

    const empty = await new ScriptedServer().answer(pagedRows("jobs", 0, () => ({}))).start();
    try {
      const none: unknown[] = [];
      for await (const j of new JustPayClient({ baseUrl: empty.url, apiKey: "k" }).jobs.iterate()) none.push(j);
      assert.deepEqual(none, []);
      assert.equal(empty.received.length, 1);
    } finally {
      await empty.stop();
    }
  });

  it("starts at the page asked for, and stops early when the caller breaks", async () => {
    server.answer(pagedRows("jobs", 10, (i) => ({ id: `j${i}`, budget: "5" })));
    const c = new JustPayClient({ baseUrl: server.url });
    const ids: string[] = [];
    for await (const j of c.jobs.iterateOpen({ page: 2, limit: 3 })) {
      ids.push(j.id);
      if (ids.length === 4) break;
    }
    assert.deepEqual(ids, ["j3", "j4", "j5", "j6"]);
    assert.deepEqual(
      server.received.map((r) => new URL(r.url, "http://x").searchParams.get("page")),
      ["2", "3"],
    );
  });
});
