/**
 * `verifyWebhook` (@justpay/sdk) on the requests the API really sends: a LocalChain-backed API,
 * the webhook worker POSTing over HTTP to a loopback receiver (allowed in local mode), and the
 * secret read back through `GET /api/v1/webhooks/secret`. A real delivery verifies; the same
 * request tampered with, checked against the wrong secret, or replayed later does not.
 */
import assert from "node:assert/strict";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { startTestApi, type TestApi } from "@justpay/api/testing";
import { verifyWebhook } from "@justpay/sdk";
import { Keypair } from "@solana/web3.js";

interface Captured {
  headers: IncomingHttpHeaders;
  /** The bytes as they arrived, which is what a receiver must verify. */
  body: Uint8Array;
}

/** A real HTTP server on 127.0.0.1 that answers 200 and keeps every request. */
async function startReceiver(): Promise<{ server: Server; url: string; captured: Captured[] }> {
  const captured: Captured[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      captured.push({ headers: req.headers, body: new Uint8Array(Buffer.concat(chunks)) });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, captured };
}

async function until<T>(what: string, probe: () => T | undefined, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const got = probe();
    if (got !== undefined) return got;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("verifyWebhook on the API's real deliveries", function () {
  this.timeout(120_000);
  let api: TestApi;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let apiKey: string;
  let newAddress: string;
  let delivery: Captured;

  const call = async (method: "GET" | "POST" | "PUT", url: string, payload?: object) => {
    const res = await api.request({ method, url, bearer: apiKey, ...(payload ? { payload } : {}) });
    assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const secret = async () => (await call("GET", "/api/v1/webhooks/secret")).secret as string;
  const deliveriesOf = (event: string) =>
    receiver.captured.filter((c) => JSON.parse(Buffer.from(c.body).toString("utf8")).event === event);

  before(async () => {
    api = await startTestApi({ label: "sdk_verify_webhook" });
    receiver = await startReceiver();
    // An agent with the receiver as its callback URL, funded and activated through the API
    const registered = await api.request({
      method: "POST",
      url: "/api/v1/auth/register",
      payload: { name: `hook-${Date.now().toString(36)}`, callbackUrl: receiver.url },
    });
    assert.equal(registered.statusCode, 201, registered.body);
    ({ apiKey } = registered.json());
    const { walletAddress } = registered.json();
    await call("POST", "/api/v1/dev/fund", { address: walletAddress, amount: 2_000_000 });
    await call("POST", "/api/v1/wallet/confirm-deposit");
    // The first withdrawal address is set quietly; changing it sends wallet.address_changed
    await call("PUT", "/api/v1/wallet/withdrawal-address", { address: Keypair.generate().publicKey.toBase58() });
    newAddress = Keypair.generate().publicKey.toBase58();
    await call("PUT", "/api/v1/wallet/withdrawal-address", { address: newAddress });
    delivery = await until("wallet.address_changed at the receiver", () => deliveriesOf("wallet.address_changed")[0]);
  });
  after(async () => {
    receiver?.server.closeAllConnections();
    await new Promise((r) => receiver?.server.close(r));
    await api?.close();
  });

  it("verifies a real delivery under both schemes with the secret from GET /webhooks/secret", async () => {
    const r = await verifyWebhook<{ newAddress: string }>(delivery.body, delivery.headers, await secret());
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.event.event, "wallet.address_changed");
    assert.equal(r.event.data.newAddress, newAddress);
    assert.deepEqual(r.schemes, ["x-justpayai-signature", "standard-webhooks"]);
    // The delivery id is the one the delivery log lists
    const log = await call("GET", "/api/v1/webhooks/deliveries?limit=100");
    assert.ok(log.deliveries.some((d: { id: string }) => d.id === r.deliveryId));
    // A Fetch Headers and the body as text work the same
    const fetchHeaders = new Headers(delivery.headers as Record<string, string>);
    const asText = Buffer.from(delivery.body).toString("utf8");
    assert.equal((await verifyWebhook(asText, fetchHeaders, await secret())).ok, true);
  });

  it("refuses the delivery with its body tampered with", async () => {
    const text = Buffer.from(delivery.body)
      .toString("utf8")
      .replace(newAddress, Keypair.generate().publicKey.toBase58());
    const r = await verifyWebhook(text, delivery.headers, await secret());
    assert.deepEqual(r.ok ? "accepted" : r.reason, "signature_mismatch");
  });

  it("refuses the delivery with either signature tampered with", async () => {
    // Index 10 is past both prefixes ("sha256=", "v1,") and carries full data bits in hex and
    // base64 alike ("a"/"b" are digits of both), unlike base64's last character before "=".
    const flip = (s: string) => s.slice(0, 10) + (s[10] === "a" ? "b" : "a") + s.slice(11);
    for (const name of ["x-justpayai-signature", "webhook-signature"]) {
      const headers = { ...delivery.headers, [name]: flip(String(delivery.headers[name])) };
      const r = await verifyWebhook(delivery.body, headers, await secret());
      assert.deepEqual(r.ok ? "accepted" : [r.reason, r.scheme], [
        "signature_mismatch",
        name === "webhook-signature" ? "standard-webhooks" : name,
      ]);
    }
  });

  it("refuses the wrong secret", async () => {
    const other = `whsec_${Buffer.from(Keypair.generate().secretKey.subarray(0, 32)).toString("base64")}`;
    const r = await verifyWebhook(delivery.body, delivery.headers, other);
    assert.deepEqual(r.ok ? "accepted" : r.reason, "signature_mismatch");
  });

  it("refuses the captured delivery replayed ten minutes later", async () => {
    const signedAt = Number(delivery.headers["webhook-timestamp"]) * 1000;
    const r = await verifyWebhook(delivery.body, delivery.headers, await secret(), {
      now: new Date(signedAt + 600_000),
    });
    assert.deepEqual(r.ok ? "accepted" : r.reason, "timestamp_too_old");
    // Within the tolerance it still passes: the refusal is the clock's, not the signature's
    const fresh = await verifyWebhook(delivery.body, delivery.headers, await secret(), {
      now: new Date(signedAt + 60_000),
    });
    assert.equal(fresh.ok, true);
  });

  it("a replay through the API is freshly signed, and after a rotation only the new secret verifies it", async () => {
    const id = String(delivery.headers["webhook-id"]);
    // Given a rotated secret
    const old = await secret();
    const rotated = (await call("POST", "/api/v1/webhooks/secret/rotate")).secret as string;
    // When the delivery is replayed (its 104-character id routes, see api/src/server.ts)
    await call("POST", `/api/v1/webhooks/deliveries/${id}/replay`);
    const replayed = await until("the replayed delivery", () => deliveriesOf("wallet.address_changed")[1]);
    // Then it carries the same webhook-id, verifies with the new secret, not with the old one,
    // and with both while a receiver still accepts either
    assert.equal(replayed.headers["webhook-id"], id);
    assert.equal((await verifyWebhook(replayed.body, replayed.headers, rotated)).ok, true);
    const withOld = await verifyWebhook(replayed.body, replayed.headers, old);
    assert.deepEqual(withOld.ok ? "accepted" : withOld.reason, "signature_mismatch");
    assert.equal((await verifyWebhook(replayed.body, replayed.headers, [old, rotated])).ok, true);
  });
});
