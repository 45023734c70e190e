import assert from "node:assert/strict";
import { createTestAgent } from "./support/agents.js";
import { startTestApi, type TestApi } from "./support/test-api.js";

/** The value of one sample line, e.g. `name{a="b"} 3`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("GET /metrics", function () {
  this.timeout(60_000);
  let api: TestApi;
  before(async () => {
    api = await startTestApi({ label: "metrics" });
  });
  after(async () => api?.close());

  const scrape = async () => {
    const res = await api.request({ method: "GET", url: "/metrics" });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers["content-type"]), /^text\/plain/);
    return res.body;
  };

  it("times requests per route pattern and status, never per raw URL", async () => {
    // Given some traffic: two health checks and an unknown URL
    await api.request({ method: "GET", url: "/healthz" });
    await api.request({ method: "GET", url: "/healthz" });
    await api.request({ method: "GET", url: "/no/such/page/123" });
    // Then the histogram counts them by pattern
    const text = await scrape();
    assert.equal(
      sample(text, 'justpay_http_request_duration_seconds_count{method="GET",route="/healthz",status_code="200"}'),
      2,
    );
    assert.equal(
      sample(text, 'justpay_http_request_duration_seconds_count{method="GET",route="unmatched",status_code="404"}'),
      1,
    );
    assert.doesNotMatch(text, /no\/such\/page/);
  });

  it("counts outbox intents by status from the tx_intents table", async () => {
    // Given one agent registered through the outbox (one confirmed intent)
    await createTestAgent(api);
    const text = await scrape();
    const { rows } = await api.ctx.knex.raw("select count(*)::int as n from tx_intents where status = 'confirmed'");
    assert.equal(sample(text, 'justpay_tx_intents{status="confirmed"}'), rows[0].n);
    assert.ok(rows[0].n >= 1);
    assert.equal(sample(text, 'justpay_tx_intents{status="failed"}'), 0);
  });

  it("reports BullMQ queue depths per state", async () => {
    // Given a queue with two waiting jobs and one delayed
    const queue = api.ctx.queues.queue("metrics-probe");
    await queue.add("a", {});
    await queue.add("b", {});
    await queue.add("c", {}, { delay: 60_000 });
    const text = await scrape();
    assert.equal(sample(text, 'justpay_queue_jobs{queue="metrics-probe",state="waiting"}'), 2);
    assert.equal(sample(text, 'justpay_queue_jobs{queue="metrics-probe",state="delayed"}'), 1);
    assert.equal(sample(text, 'justpay_queue_jobs{queue="metrics-probe",state="active"}'), 0);
  });

  it("carries the indexer's metrics on the same registry, lag included", async () => {
    const text = await scrape();
    assert.equal(sample(text, "justpay_indexer_live"), 1);
    assert.equal(sample(text, "justpay_indexer_time_lag_ms"), 0);
    const indexed = sample(text, "justpay_indexer_indexed_slot");
    assert.ok(indexed !== undefined && indexed > 0);
    assert.ok((sample(text, "justpay_indexer_account_updates_total") ?? 0) > 0);
    assert.match(text, /^# TYPE justpay_indexer_slot_lag gauge$/m);
  });
});
