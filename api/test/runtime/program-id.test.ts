/**
 * JUSTPAY_PROGRAM_ID reaches everything that addresses the program: the chain adapter, the
 * platform bootstrap, the agents' instructions and the indexer's mirror.
 */
import assert from "node:assert/strict";
import { agentPda, configPda, PROGRAM_ID } from "@justpay/sdk";
import { Keypair, PublicKey } from "@solana/web3.js";
import { loadConfig } from "../../src/config/config.js";
import { createLogger } from "../../src/runtime/logger.js";
import { openChain } from "../../src/runtime/open-chain.js";
import { startTestApi, type TestApi } from "../support/test-api.js";

describe("the API on a program id of its own (JUSTPAY_PROGRAM_ID)", () => {
  const programId = Keypair.generate().publicKey;
  let api: TestApi;
  before(async () => {
    api = await startTestApi({ label: "program_id", env: { JUSTPAY_PROGRAM_ID: programId.toBase58() } });
  });
  after(() => api?.close());

  it("bootstraps, registers, credits deposits and mirrors them on that program", async () => {
    assert.ok(api.chain.programId.equals(programId));
    assert.ok(api.ctx.platform.programId.equals(programId));
    const config = await api.chain.getAccount(configPda(programId).address);
    assert.ok(config?.owner.equals(programId), "the config was initialized on the configured program");
    assert.equal(await api.chain.getAccount(configPda(PROGRAM_ID).address), null, "and not on the declared one");

    const registered = await api.request({
      method: "POST",
      url: "/api/v1/auth/register",
      payload: { name: "program-id-bot", description: "checks where its ledger lives" },
    });
    assert.equal(registered.statusCode, 201, registered.body);
    const { apiKey, walletAddress } = registered.json();
    const ledger = await api.chain.getAccount(agentPda(programId, new PublicKey(walletAddress)).address);
    assert.ok(ledger?.owner.equals(programId));

    const funded = await api.request({
      method: "POST",
      url: "/api/v1/dev/fund",
      payload: { address: walletAddress, amount: 10_000_000 },
    });
    assert.equal(funded.statusCode, 200, funded.body);
    const confirmed = await api.request({ method: "POST", url: "/api/v1/wallet/confirm-deposit", bearer: apiKey });
    assert.equal(confirmed.statusCode, 200, confirmed.body);
    assert.equal(confirmed.json().activated, true);
    const balance = await api.request({ method: "GET", url: "/api/v1/wallet/balance", bearer: apiKey });
    assert.equal(balance.statusCode, 200, balance.body);
    assert.equal(balance.json().available, "9000000");
  });
});

describe("openChain", () => {
  const log = createLogger({ logLevel: "silent" });

  it("hands JUSTPAY_PROGRAM_ID to RpcChain", async () => {
    const programId = Keypair.generate().publicKey;
    // Building the adapter sends no request, so an address with nothing behind it will do.
    const config = loadConfig({ SOLANA_RPC_URL: "http://127.0.0.1:9", JUSTPAY_PROGRAM_ID: programId.toBase58() });
    const chain = await openChain(config, log);
    try {
      assert.equal(chain.kind, "rpc");
      assert.ok(chain.programId.equals(programId));
    } finally {
      await chain.close();
    }
  });

  it("addresses the declared program id by default", async () => {
    const chain = await openChain(loadConfig({ SOLANA_RPC_URL: "http://127.0.0.1:9" }), log);
    try {
      assert.ok(chain.programId.equals(PROGRAM_ID));
    } finally {
      await chain.close();
    }
  });
});
