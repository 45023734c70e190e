import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { verifyJustPaySignature, WebhookSignatureError } from "../../src/webhooks/justpay-signature.js";
import { generateWebhookSecret, isWebhookSecret } from "../../src/webhooks/secrets.js";
import { signWebhook } from "../../src/webhooks/signing.js";

describe("webhooks: secrets and signatures", () => {
  const secret = generateWebhookSecret();
  // Signed when the suite runs, not when the file loads: a full run reaches it minutes later,
  // past the verifiers' 5-minute tolerance.
  let at: Date;
  let signed: ReturnType<typeof signWebhook>;
  before(() => {
    at = new Date();
    signed = signWebhook({ id: "dlv_1", event: "wallet.address_changed", data: { address: "X" }, secret, at });
  });

  it("secrets are whsec_ + 32 random bytes in base64, which Standard Webhooks accepts", () => {
    assert.match(secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    assert.ok(isWebhookSecret(secret));
    assert.notEqual(generateWebhookSecret(), secret);
    assert.doesNotThrow(() => new Webhook(secret));
    for (const bad of ["whsec_", "sk_abc", `whsec_${Buffer.alloc(8).toString("base64")}`, "whsec_not base64!"])
      assert.equal(isWebhookSecret(bad), false, bad);
  });

  it("the body is the seed's payload: event, data and this attempt's timestamp", () => {
    assert.deepEqual(JSON.parse(signed.body), {
      event: "wallet.address_changed",
      data: { address: "X" },
      timestamp: at.toISOString(),
    });
    assert.equal(signed.headers["content-type"], "application/json");
  });

  it("X-JustPayAI-Signature is sha256=<hex HMAC-SHA256 of the raw body keyed with the secret string>", () => {
    const hex = createHmac("sha256", secret).update(signed.body).digest("hex");
    assert.equal(signed.headers["x-justpayai-signature"], `sha256=${hex}`);
  });

  it("verifyJustPaySignature accepts the request and returns the payload, whatever the header case", () => {
    const headers = { "X-JustPayAI-Signature": signed.headers["x-justpayai-signature"] };
    assert.equal(verifyJustPaySignature(signed.body, headers, secret).event, "wallet.address_changed");
    assert.equal(verifyJustPaySignature(Buffer.from(signed.body), signed.headers, secret).timestamp, at.toISOString());
  });

  it("verifyJustPaySignature refuses another body, another secret, a missing header and a stale timestamp", () => {
    const refuses = (fn: () => unknown, why: RegExp) =>
      assert.throws(fn, (e: Error) => e instanceof WebhookSignatureError && why.test(e.message));
    refuses(() => verifyJustPaySignature(signed.body.replace("X", "Y"), signed.headers, secret), /does not match/);
    refuses(() => verifyJustPaySignature(signed.body, signed.headers, generateWebhookSecret()), /does not match/);
    refuses(() => verifyJustPaySignature(signed.body, {}, secret), /missing x-justpayai-signature/);
    const later = new Date(at.getTime() + 301_000);
    refuses(() => verifyJustPaySignature(signed.body, signed.headers, secret, { now: later }), /too old/);
    const earlier = new Date(at.getTime() - 301_000);
    refuses(() => verifyJustPaySignature(signed.body, signed.headers, secret, { now: earlier }), /in the future/);
    const lenient = verifyJustPaySignature(signed.body, signed.headers, secret, { now: later, toleranceSeconds: 600 });
    assert.equal(lenient.event, "wallet.address_changed");
  });

  it("the Standard Webhooks headers verify with the standardwebhooks library", () => {
    assert.equal(signed.headers["webhook-id"], "dlv_1");
    assert.equal(signed.headers["webhook-timestamp"], String(Math.floor(at.getTime() / 1000)));
    assert.match(signed.headers["webhook-signature"] ?? "", /^v1,[A-Za-z0-9+/]+=*$/);
    assert.deepEqual(new Webhook(secret).verify(signed.body, signed.headers), JSON.parse(signed.body));
    assert.throws(
      () => new Webhook(generateWebhookSecret()).verify(signed.body, signed.headers),
      /No matching signature/,
    );
  });
});
