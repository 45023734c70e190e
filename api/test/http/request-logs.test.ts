import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { pino } from "pino";
import { startTestApi, type TestApi } from "../support/test-api.js";

describe("request ids and logs", function () {
  this.timeout(60_000);
  let api: TestApi;
  const lines: Record<string, unknown>[] = [];
  before(async () => {
    // One pino logger for the whole process, captured: requests and the indexer write to it.
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    api = await startTestApi({ label: "reqlogs", log: pino({ level: "info" }, sink) });
  });
  after(async () => api?.close());

  it("keeps a caller's X-Request-Id, echoes it, and logs the request under it", async () => {
    const res = await api.request({ method: "GET", url: "/healthz", headers: { "x-request-id": "trace-42.a" } });
    assert.equal(res.headers["x-request-id"], "trace-42.a");
    const logged = lines.filter((l) => l.reqId === "trace-42.a").map((l) => l.msg);
    assert.deepEqual(logged, ["incoming request", "request completed"]);
  });

  it("makes up an id when none, or an unsafe one, is given", async () => {
    const none = await api.request({ method: "GET", url: "/healthz" });
    assert.match(String(none.headers["x-request-id"]), /^[0-9a-f-]{36}$/);
    const unsafe = await api.request({ method: "GET", url: "/healthz", headers: { "x-request-id": "a b\nc" } });
    assert.match(String(unsafe.headers["x-request-id"]), /^[0-9a-f-]{36}$/);
  });

  it("never logs a bearer token", async () => {
    await api.request({ method: "GET", url: "/healthz", headers: { authorization: "Bearer jp_supersecret" } });
    assert.ok(!JSON.stringify(lines).includes("jp_supersecret"));
  });

  it("carries the indexer's own log lines on the same logger", () => {
    const caughtUp = lines.find((l) => l.component === "indexer" && l.msg === "caught up");
    assert.ok(caughtUp, "the indexer logged through the process logger");
  });
});
