/** verifyWebhook against vectors signed here with node:crypto, the way the API signs (api/src/webhooks/signing.ts). */
import assert from "node:assert/strict";
import { createHmac, randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { verifyWebhook } from "../../src/webhooks/index.js";

const newSecret = () => `whsec_${randomBytes(32).toString("base64")}`;
const SECRET = newSecret();
const AT = new Date("2026-12-02T01:46:40.000Z");
const ID = "0b6c1f0e-delivery";

const justPaySig = (body: string | Buffer, secret: string) =>
  `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
const standardSig = (id: string, seconds: number, body: string, secret: string) =>
  `v1,${createHmac("sha256", Buffer.from(secret.slice("whsec_".length), "base64"))
    .update(`${id}.${seconds}.${body}`)
    .digest("base64")}`;

function signed(event = "wallet.address_changed", data: unknown = { address: "Fz…" }, secret = SECRET, at = AT) {
  const body = JSON.stringify({ event, data, timestamp: at.toISOString() });
  const seconds = Math.floor(at.getTime() / 1000);
  return {
    body,
    headers: {
      "content-type": "application/json",
      "x-justpayai-signature": justPaySig(body, secret),
      "webhook-id": ID,
      "webhook-timestamp": String(seconds),
      "webhook-signature": standardSig(ID, seconds, body, secret),
    } as Record<string, string>,
  };
}

const without = (headers: Record<string, string>, ...names: string[]) =>
  Object.fromEntries(Object.entries(headers).filter(([k]) => !names.includes(k)));

describe("verifyWebhook", () => {
  const now = new Date(AT.getTime() + 2_000);

  it("accepts a request signed with both schemes and returns the event and delivery id", async () => {
    const { body, headers } = signed("job.completed", { jobId: "j1", amount: "500000" });
    const r = await verifyWebhook(body, headers, SECRET, { now });
    assert.deepEqual(r, {
      ok: true,
      event: { event: "job.completed", data: { jobId: "j1", amount: "500000" }, timestamp: AT.toISOString() },
      deliveryId: ID,
      schemes: ["x-justpayai-signature", "standard-webhooks"],
    });
  });

  it("takes the body as bytes, and headers as a Headers, in any case, or with array values", async () => {
    const { body, headers } = signed();
    const bytes = new TextEncoder().encode(body);
    assert.equal((await verifyWebhook(bytes, headers, SECRET, { now })).ok, true);
    assert.equal((await verifyWebhook(body, new Headers(headers), SECRET, { now })).ok, true);
    const shouted = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toUpperCase(), v]));
    assert.equal((await verifyWebhook(body, shouted, SECRET, { now })).ok, true);
    const arrays = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]]));
    assert.equal((await verifyWebhook(body, arrays, SECRET, { now })).ok, true);
  });

  it("accepts either scheme on its own", async () => {
    const { body, headers } = signed();
    const justPay = without(headers, "webhook-id", "webhook-timestamp", "webhook-signature");
    const standard = without(headers, "x-justpayai-signature");
    assert.deepEqual(await schemesOf(verifyWebhook(body, justPay, SECRET, { now })), ["x-justpayai-signature"]);
    assert.deepEqual(await schemesOf(verifyWebhook(body, standard, SECRET, { now })), ["standard-webhooks"]);
  });

  it("refuses a tampered body under both schemes", async () => {
    const { body, headers } = signed("job.completed", { amount: "500000" });
    const tampered = body.replace("500000", "900000");
    const r = await verifyWebhook(tampered, headers, SECRET, { now });
    assert.deepEqual(failure(r), ["signature_mismatch", "x-justpayai-signature"]);
    const standard = without(headers, "x-justpayai-signature");
    assert.deepEqual(failure(await verifyWebhook(tampered, standard, SECRET, { now })), [
      "signature_mismatch",
      "standard-webhooks",
    ]);
  });

  it("refuses a forged signature even when the other scheme's is good", async () => {
    const { body, headers } = signed();
    const forged = { ...headers, "webhook-signature": standardSig(ID, 1, body, SECRET) };
    assert.deepEqual(failure(await verifyWebhook(body, forged, SECRET, { now })), [
      "signature_mismatch",
      "standard-webhooks",
    ]);
    const flipped = headers["x-justpayai-signature"]!.replace(/.$/, (c) => (c === "0" ? "1" : "0"));
    assert.equal(
      failure(await verifyWebhook(body, { ...headers, "x-justpayai-signature": flipped }, SECRET, { now }))[0],
      "signature_mismatch",
    );
  });

  it("refuses the wrong secret", async () => {
    const { body, headers } = signed();
    assert.equal(failure(await verifyWebhook(body, headers, newSecret(), { now }))[0], "signature_mismatch");
  });

  it("accepts any of several space-separated signatures, and any of several secrets, for rotation", async () => {
    const old = newSecret();
    const { body, headers } = signed();
    const seconds = headers["webhook-timestamp"]!;
    const both = {
      ...headers,
      "x-justpayai-signature": `${justPaySig(body, old)} ${headers["x-justpayai-signature"]}`,
      "webhook-signature": `${standardSig(ID, Number(seconds), body, old)} ${headers["webhook-signature"]}`,
    };
    assert.equal((await verifyWebhook(body, both, SECRET, { now })).ok, true);
    assert.equal((await verifyWebhook(body, headers, [old, SECRET], { now })).ok, true);
    assert.equal((await verifyWebhook(body, headers, [old], { now })).ok, false);
  });

  it("refuses timestamps beyond the tolerance either way, and honours toleranceSeconds", async () => {
    const { body, headers } = signed();
    const at = (s: number) => ({ now: new Date(AT.getTime() + s * 1000) });
    assert.equal((await verifyWebhook(body, headers, SECRET, at(299))).ok, true);
    assert.equal((await verifyWebhook(body, headers, SECRET, at(-299))).ok, true);
    assert.equal(failure(await verifyWebhook(body, headers, SECRET, at(301)))[0], "timestamp_too_old");
    assert.equal(failure(await verifyWebhook(body, headers, SECRET, at(-301)))[0], "timestamp_in_future");
    assert.equal(
      failure(await verifyWebhook(body, headers, SECRET, { ...at(61), toleranceSeconds: 60 }))[0],
      "timestamp_too_old",
    );
    // The Standard Webhooks timestamp is judged on its own: a fresh body under a stale header is refused.
    const standard = without(headers, "x-justpayai-signature");
    const old = Math.floor(AT.getTime() / 1000) - 600;
    const staleHeader = {
      ...standard,
      "webhook-timestamp": String(old),
      "webhook-signature": standardSig(ID, old, body, SECRET),
    };
    assert.deepEqual(failure(await verifyWebhook(body, staleHeader, SECRET, { now })), [
      "timestamp_too_old",
      "standard-webhooks",
    ]);
  });

  it("says what is missing or malformed", async () => {
    const { body, headers } = signed();
    assert.equal(
      failure(await verifyWebhook(body, { "content-type": "application/json" }, SECRET, { now }))[0],
      "missing_signature",
    );
    assert.equal(
      failure(await verifyWebhook(body, without(headers, "webhook-id"), SECRET, { now }))[0],
      "missing_headers",
    );
    const standard = without(headers, "x-justpayai-signature");
    assert.equal(failure(await verifyWebhook(body, standard, "not base64!", { now }))[0], "invalid_secret");
    const text = "not json";
    assert.equal(
      failure(await verifyWebhook(text, { "x-justpayai-signature": justPaySig(text, SECRET) }, SECRET, { now }))[0],
      "invalid_payload",
    );
  });

  it("uses no Node built-ins, so it runs in a browser", () => {
    const dir = join(__dirname, "../../src/webhooks");
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
      const source = readFileSync(join(dir, file), "utf8");
      assert.doesNotMatch(source, /from "node:|require\(|\bBuffer\b|\bprocess\./, file);
    }
  });
});

type Result = Awaited<ReturnType<typeof verifyWebhook>>;
const failure = (r: Result): [string, string | undefined] => {
  assert.equal(r.ok, false, "expected a refusal");
  return r.ok ? ["", undefined] : [r.reason, r.scheme];
};
async function schemesOf(p: Promise<Result>) {
  const r = await p;
  assert.ok(r.ok, JSON.stringify(r));
  return r.schemes;
}
