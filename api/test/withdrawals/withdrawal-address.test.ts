/**
 * PUT /api/v1/wallet/withdrawal-address: what may be an address, the first set (no
 * cooldown), a change (the program's 24 h cooldown, read back from the mirror, and the
 * wallet.address_changed webhook), and setting the same address again.
 */
import assert from "node:assert/strict";
import { configPda } from "@justpay/sdk";
import { Keypair } from "@solana/web3.js";
import { createTestAgent, type TestAgent } from "../support/agents.js";
import { startTestApi, type TestApi } from "../support/test-api.js";
import { deposit, mirroredAgent } from "./support.js";

describe("PUT /api/v1/wallet/withdrawal-address", function () {
  this.timeout(120_000);
  let api: TestApi;
  let agent: TestAgent;
  before(async () => {
    api = await startTestApi({ label: "waddress" });
    agent = await createTestAgent(api);
    await deposit(api, agent, 2_000_000n);
    await api.ctx.knex.raw(`update agents set callback_url = ? where id = ?`, ["https://agent.example/hook", agent.id]);
  });
  after(async () => api?.close());

  const put = (payload: object, bearer: string | undefined = agent.apiKey) =>
    api.request({ method: "PUT", url: "/api/v1/wallet/withdrawal-address", bearer, payload });
  const anonymous = (payload: object) =>
    api.request({ method: "PUT", url: "/api/v1/wallet/withdrawal-address", payload });
  const deliveries = async () =>
    (await api.ctx.knex.raw(`select * from webhook_deliveries where agent_id = ? order by created_at`, [agent.id]))
      .rows;

  it("refuses what is not a wallet's public key with a 400 saying why", async () => {
    const { platform } = api.ctx;
    const cases: [string, string][] = [
      ["not base58 0OIl", "address: Invalid Solana address: expected a base58 ed25519 public key"],
      ["3yZe7d", "address: Invalid Solana address: expected a base58 ed25519 public key"],
      // 45 base58 digits are more than 32 bytes (a random key with a digit appended sometimes is not)
      ["z".repeat(45), "address: Invalid Solana address: expected a base58 ed25519 public key"],
      ["11111111111111111111111111111111", "address: The zero address cannot receive funds"],
      [
        configPda(api.chain.programId).address.toBase58(),
        "address: This is a program-derived address, not a wallet: no key can sign for it",
      ],
      [platform.vault.toBase58(), "address: This is a program-derived address, not a wallet: no key can sign for it"],
      [platform.usdcMint.toBase58(), "address: This is one of JustPay's own accounts, not a wallet of yours"],
      [
        agent.wallet.publicKey.toBase58(),
        "address: This is your JustPay deposit wallet; give the address of a wallet you control",
      ],
    ];
    for (const [address, error] of cases) {
      const res = await put({ address });
      assert.equal(res.statusCode, 400, address);
      assert.deepEqual(res.json(), { error }, address);
    }
    assert.deepEqual((await put({})).json(), { error: "address: Required" });
    assert.equal((await mirroredAgent(api, agent)).withdrawal_address, "11111111111111111111111111111111");
  });

  it("refuses without an API key", async () => {
    const res = await anonymous({ address: Keypair.generate().publicKey.toBase58() });
    assert.equal(res.statusCode, 401);
  });

  let first: string;
  it("sets the first address at once: no cooldown, no webhook", async () => {
    first = Keypair.generate().publicKey.toBase58();
    const res = await put({ address: first });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { message: "Withdrawal address set", cooldownUntil: null });
    const ledger = await mirroredAgent(api, agent);
    assert.equal(ledger.withdrawal_address, first);
    assert.equal(ledger.cooldown_until, "0");
    assert.deepEqual(await deliveries(), []);
  });

  it("a change starts the program's 24 h cooldown and sends wallet.address_changed", async () => {
    const second = Keypair.generate().publicKey.toBase58();
    const before = await api.chain.unixTime();
    const res = await put({ address: second });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.message, "Withdrawal address changed. 24h security cooldown started.");
    // The cooldown is the program's (chain clock + cooldown_seconds), as mirrored
    const ledger = await mirroredAgent(api, agent);
    assert.equal(ledger.withdrawal_address, second);
    assert.equal(body.cooldownUntil, new Date(Number(ledger.cooldown_until) * 1000).toISOString());
    assert.ok(BigInt(ledger.cooldown_until) - before >= 86_400n && BigInt(ledger.cooldown_until) - before < 86_460n);
    // And the webhook is queued to the agent's callback URL
    const [delivery, ...more] = await deliveries();
    assert.deepEqual(more, []);
    assert.equal(delivery.event, "wallet.address_changed");
    assert.equal(delivery.url, "https://agent.example/hook");
    assert.deepEqual(
      { ...delivery.payload, signature: typeof delivery.payload.signature },
      { previousAddress: first, newAddress: second, cooldownUntil: body.cooldownUntil, signature: "string" },
    );
  });

  it("setting the current address again changes nothing: the running cooldown is reported, no webhook", async () => {
    const current = (await mirroredAgent(api, agent)).withdrawal_address;
    const cooldown = (await mirroredAgent(api, agent)).cooldown_until;
    const res = await put({ address: current });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), {
      message: "Withdrawal address set",
      cooldownUntil: new Date(Number(cooldown) * 1000).toISOString(),
    });
    assert.equal((await mirroredAgent(api, agent)).cooldown_until, cooldown);
    assert.equal((await deliveries()).length, 1);
  });
});
