import assert from "node:assert/strict";
import { SlotWaitTimeout } from "@justpay/indexer";
import { agentPda, decodeAccount, escrowProgram } from "@justpay/sdk";
import { verify } from "@node-rs/argon2";
import { Keypair, PublicKey } from "@solana/web3.js";
import { registerAgentInstruction } from "../../src/agents/ledger.js";
import { hashApiKey } from "../../src/auth/api-keys.js";
import { loadMasterKey } from "../../src/custody/master-key.js";
import { openSecretKey } from "../../src/custody/sealed-secret-key.js";
import { TxBusyError } from "../../src/tx/errors.js";
import { outsideLocalMode, uniqueName } from "../support/register.js";
import { startTestApi, type TestApi } from "../support/test-api.js";

describe("POST /api/v1/auth/register", function () {
  this.timeout(60_000);
  let api: TestApi;
  before(async () => {
    api = await startTestApi({ label: "register" });
  });
  after(async () => api?.close());

  const register = (payload: Record<string, unknown>) =>
    api.request({ method: "POST", url: "/api/v1/auth/register", payload });
  const agentRows = async (name: string) =>
    (await api.ctx.knex.raw(`select * from agents where lower(name) = lower(?)`, [name])).rows;
  const agentCount = async () => Number((await api.ctx.knex.raw(`select count(*) from agents`)).rows[0].count);

  /** Expects a 400 naming the problem, and that nothing was stored. */
  async function refused(payload: Record<string, unknown>, error: string | RegExp): Promise<void> {
    const before = await agentCount();
    const res = await register(payload);
    assert.equal(res.statusCode, 400, res.body);
    if (typeof error === "string") assert.deepEqual(res.json(), { error });
    else assert.match(res.json().error, error);
    assert.equal(await agentCount(), before, "a refused registration stores nothing");
  }

  async function accepted(payload: Record<string, unknown>): Promise<Record<string, any>> {
    const res = await register(payload);
    assert.equal(res.statusCode, 201, res.body);
    return res.json();
  }

  describe("a valid registration", () => {
    const name = uniqueName("seed");
    let body: Record<string, any>;
    let row: Record<string, any>;
    before(async () => {
      // Given the seed's example request, with every optional field (the callback on a public
      // address literal: this machine resolves no names)
      // When it is registered
      body = await accepted({
        name,
        description: "I generate images from text prompts",
        capabilities: ["image-generation", "text-to-image"],
        callbackUrl: "https://93.184.215.14/webhook",
        email: "owner@myagent.example.com",
        password: "correct horse battery",
      });
      [row] = await agentRows(name);
    });

    it("answers the seed's shape: agentId, jp_ key, wallet, not activated, the 1 USDC fee", () => {
      assert.deepEqual(Object.keys(body).sort(), [
        "activated",
        "activation",
        "activationFee",
        "agentId",
        "apiKey",
        "name",
        "walletAddress",
      ]);
      assert.equal(body.name, name);
      assert.match(body.apiKey, /^jp_[0-9A-Za-z]{40}$/);
      assert.equal(new PublicKey(body.walletAddress).toBase58(), body.walletAddress);
      assert.equal(body.activated, false);
      assert.equal(body.activationFee, "1.00 USDC");
      assert.deepEqual(body.activation, {
        status: "pending",
        fee: "1.00 USDC",
        instructions: "Send at least 1 USDC to your wallet address to activate",
      });
    });

    it("stores the profile as given, the password as an argon2id hash, and a webhook secret", async () => {
      assert.equal(row.id, body.agentId);
      assert.equal(row.wallet_address, body.walletAddress);
      assert.equal(row.description, "I generate images from text prompts");
      assert.deepEqual(row.capabilities, ["image-generation", "text-to-image"]);
      assert.equal(row.callback_url, "https://93.184.215.14/webhook");
      assert.equal(row.email, "owner@myagent.example.com");
      assert.match(row.password_hash, /^\$argon2id\$/);
      assert.equal(await verify(row.password_hash, "correct horse battery"), true);
      assert.match(row.webhook_secret, /^whsec_/);
    });

    it("stores the API key only as its prefix and hash", async () => {
      const { rows } = await api.ctx.knex.raw(`select * from api_keys where agent_id = ?`, [body.agentId]);
      assert.equal(rows.length, 1);
      assert.equal(rows[0].hash, hashApiKey(body.apiKey));
      assert.ok(body.apiKey.startsWith(rows[0].prefix));
      assert.ok(!JSON.stringify(rows[0]).includes(body.apiKey), "the key itself is nowhere in the row");
    });

    it("seals the wallet's secret: not in the row, and it opens with the master key to the wallet", async () => {
      const sealed: Buffer = row.encrypted_secret;
      const { key: masterKey } = await loadMasterKey({ env: {}, dataDir: api.ctx.config.dataDir, production: false });
      const wallet = openSecretKey(sealed, masterKey, body.walletAddress);
      assert.equal(wallet.publicKey.toBase58(), body.walletAddress);
      const secret = Buffer.from(wallet.secretKey);
      assert.equal(sealed.indexOf(secret.subarray(0, 32)), -1, "the raw secret is not in the sealed bytes");
      assert.ok(!JSON.stringify(row).includes(secret.toString("base64")));
      assert.ok(!JSON.stringify(row).includes(secret.toString("hex")));
    });

    it("creates the wallet's Agent ledger on-chain, paid by the platform, and the mirror shows it", async () => {
      const wallet = new PublicKey(body.walletAddress);
      const account = await api.chain.getAccount(agentPda(api.chain.programId, wallet).address);
      assert.ok(account, "the Agent account exists");
      const ledger = decodeAccount<{ wallet: PublicKey; activated: number }>(
        escrowProgram(api.chain.programId),
        "agent",
        account.data,
      );
      assert.ok(ledger.wallet.equals(wallet));
      assert.equal(ledger.activated, 0);
      assert.equal(await api.chain.getAccount(wallet), null, "the agent's wallet holds no SOL: the fee payer paid");
      const { rows } = await api.ctx.knex.raw(`select wallet, activated from chain_agent where wallet = ?`, [
        body.walletAddress,
      ]);
      assert.deepEqual(rows, [{ wallet: body.walletAddress, activated: 0 }]);
    });

    it("gives a key that authenticates as the new agent", async () => {
      const res = await api.request({ method: "GET", url: "/api/v1/auth/verify", bearer: body.apiKey });
      assert.deepEqual(res.json(), { valid: true, agentId: body.agentId, name });
    });

    it("the custodial wallet signs through custody: the outbox can act for it", async () => {
      // A second register_agent for the same wallet is refused by the program, which proves
      // the transaction was signed by the wallet (custody opened the sealed key).
      const wallet = new PublicKey(body.walletAddress);
      const ix = await registerAgentInstruction(api.chain.programId, api.ctx.platform.feePayer.publicKey, wallet);
      await assert.rejects(api.ctx.tx.execute(`again:${body.walletAddress}`, "register_agent", [ix]), (e: Error) => {
        assert.equal(e.name, "TxProgramError", e.message);
        return true;
      });
    });
  });

  describe("validation, at both sides of every limit", () => {
    it("name: 2 and 50 characters pass; 1 and 51 are refused", async () => {
      await refused({ name: "a" }, "name: String must contain at least 2 character(s)");
      await refused({ name: "n".repeat(51) }, "name: String must contain at most 50 character(s)");
      await accepted({ name: `x${uniqueName("").slice(-1)}` });
      const fifty = `${uniqueName("n")}`.padEnd(50, "z");
      assert.equal((await accepted({ name: fifty })).name, fifty);
    });

    it("name: only letters, digits, _ and -", async () => {
      for (const name of ["has space", "dot.name", "émile", "semi;colon", "slash/name"])
        await refused({ name }, "name: Only letters, digits, underscore (_) and dash (-) are allowed");
      await accepted({ name: `Ok_${uniqueName("")}` });
    });

    it("name is required", async () => {
      await refused({ description: "no name" }, "name: Required");
    });

    it("description: 500 characters pass, 501 are refused", async () => {
      await accepted({ name: uniqueName(), description: "d".repeat(500) });
      await refused(
        { name: uniqueName(), description: "d".repeat(501) },
        /^description: String must contain at most 500/,
      );
    });

    it("capabilities: 20 items pass, 21 are refused", async () => {
      const caps = (n: number) => Array.from({ length: n }, (_, i) => `cap-${i}`);
      const body = await accepted({ name: uniqueName(), capabilities: caps(20) });
      assert.equal((await agentRows(body.name))[0].capabilities.length, 20);
      await refused(
        { name: uniqueName(), capabilities: caps(21) },
        "capabilities: Array must contain at most 20 element(s)",
      );
      await refused({ name: uniqueName(), capabilities: "one" }, "capabilities: Expected array, received string");
    });

    it("password: 8 characters pass, 7 are refused", async () => {
      await refused(
        { name: uniqueName(), password: "7chars!" },
        "password: String must contain at least 8 character(s)",
      );
      const body = await accepted({ name: uniqueName(), password: "8chars!!" });
      assert.equal(await verify((await agentRows(body.name))[0].password_hash, "8chars!!"), true);
    });

    it("email must be valid", async () => {
      for (const email of ["not-an-email", "a@", "@b.com", "a b@c.com"])
        await refused({ name: uniqueName(), email }, "email: Invalid email");
      await accepted({ name: uniqueName(), email: "a@b.co" });
    });

    it("callbackUrl must be an absolute URL", async () => {
      await refused({ name: uniqueName(), callbackUrl: "not a url" }, /^callbackUrl must be an absolute URL/);
    });

    it("a missing body is a 400", async () => {
      const res = await api.request({ method: "POST", url: "/api/v1/auth/register" });
      assert.equal(res.statusCode, 400);
      assert.deepEqual(res.json(), { error: "body: Required (send a JSON object)" });
    });
  });

  describe("names are unique regardless of case", () => {
    it("a taken name is 409, and nothing is stored or sent on-chain", async () => {
      const name = uniqueName("Taken");
      await accepted({ name });
      const intents = async () => Number((await api.ctx.knex.raw(`select count(*) from tx_intents`)).rows[0].count);
      const before = { agents: await agentCount(), intents: await intents() };
      for (const again of [name, name.toLowerCase(), name.toUpperCase()]) {
        const res = await register({ name: again });
        assert.equal(res.statusCode, 409);
        assert.deepEqual(res.json(), { error: `Agent name '${again}' is already taken` });
      }
      assert.deepEqual({ agents: await agentCount(), intents: await intents() }, before);
    });

    it("two concurrent registrations of one name: one wins, the other is 409", async () => {
      const name = uniqueName("race");
      const answers = await Promise.all([register({ name }), register({ name: name.toUpperCase() })]);
      assert.deepEqual(answers.map((r) => r.statusCode).sort(), [201, 409]);
      assert.equal((await agentRows(name)).length, 1);
    });
  });

  describe("callbackUrl and the SSRF guard", () => {
    const refusedOnCluster = [
      ["http://myagent.example.com/webhook", /^callbackUrl must use https/],
      ["https://127.0.0.1/hook", /^callbackUrl is not allowed: 127\.0\.0\.1 is .*loopback/],
      ["https://localhost:8443/hook", /^callbackUrl is not allowed: localhost resolves to .*loopback/],
      ["https://10.1.2.3/hook", /^callbackUrl is not allowed: 10\.1\.2\.3 is .*private/],
      ["https://192.168.0.7/hook", /^callbackUrl is not allowed: 192\.168\.0\.7 is .*private/],
      ["https://169.254.169.254/latest/meta-data", /^callbackUrl is not allowed: 169\.254\.169\.254 is /],
      ["https://[::1]/hook", /^callbackUrl is not allowed: ::1 is .*loopback/],
      ["https://user:pw@myagent.example.com/hook", /^callbackUrl must not contain a user name or password/],
      ["ftp://myagent.example.com/hook", /^callbackUrl must be an https URL, not ftp/],
    ] as const;

    it("outside local mode, http, loopback, private, link-local/metadata and credentials are refused", async () => {
      await outsideLocalMode(api, async () => {
        for (const [callbackUrl, error] of refusedOnCluster) await refused({ name: uniqueName(), callbackUrl }, error);
      });
    });

    it("in local mode, http to loopback is accepted (receivers on the same laptop)", async () => {
      const body = await accepted({ name: uniqueName(), callbackUrl: "http://127.0.0.1:8080/hook" });
      assert.equal((await agentRows(body.name))[0].callback_url, "http://127.0.0.1:8080/hook");
    });
  });

  describe("recoveryAddress (extension): the emergency address pinned at registration", () => {
    it("is pinned on-chain in the registering transaction; the profile shows it", async () => {
      // Given a personal wallet
      const personal = Keypair.generate().publicKey.toBase58();
      // When an agent registers naming it
      const body = await accepted({ name: uniqueName("pinned"), recoveryAddress: personal });
      // Then the ledger on-chain records it as the emergency address
      const wallet = new PublicKey(body.walletAddress);
      const account = await api.chain.getAccount(agentPda(api.chain.programId, wallet).address);
      const ledger = decodeAccount<{ emergencyAddress: PublicKey }>(
        escrowProgram(api.chain.programId),
        "agent",
        account!.data,
      );
      assert.equal(ledger.emergencyAddress.toBase58(), personal);
      // And so do the mirror and the agent's own profile
      const { rows } = await api.ctx.knex.raw(`select emergency_address from chain_agent where wallet = ?`, [
        body.walletAddress,
      ]);
      assert.equal(rows[0].emergency_address, personal);
      const me = await api.request({ method: "GET", url: "/api/v1/agents/me", bearer: body.apiKey });
      assert.equal(me.json().emergencyAddress, personal);
      // And one transaction did both
      const intents = await api.ctx.knex.raw(`select label, instructions from tx_intents where key = ?`, [
        `register-agent:${body.walletAddress}`,
      ]);
      assert.equal(intents.rows[0].instructions.length, 2);
    });

    it("must be a base58 public key", async () => {
      for (const recoveryAddress of ["not-base58-0OIl", "abc", "", `${"1".repeat(45)}`])
        await refused({ name: uniqueName(), recoveryAddress }, "recoveryAddress: Must be a base58 Solana public key");
    });

    it("the program refuses the zero address and the vault: 400, and no profile is left", async () => {
      for (const recoveryAddress of ["11111111111111111111111111111111", api.ctx.platform.vault.toBase58()]) {
        const name = uniqueName("badpin");
        const res = await register({ name, recoveryAddress });
        assert.equal(res.statusCode, 400, res.body);
        assert.deepEqual(res.json(), { error: "Emergency address is the zero address, the config PDA or the vault" });
        assert.deepEqual(await agentRows(name), []);
        await accepted({ name });
      }
    });
  });

  describe("failure safety: the ledger first, the profile last", () => {
    /** Makes the outbox fail the next transaction as `error`, for one call. */
    function failNextTransaction(error: Error): void {
      const original = api.ctx.tx.execute.bind(api.ctx.tx);
      api.ctx.tx.execute = async () => {
        api.ctx.tx.execute = original;
        throw error;
      };
    }

    it("when the chain step fails, no profile, key or name is left, and the agent can register again", async () => {
      // Given the chain refuses the next transaction
      const name = uniqueName("retry");
      const keysBefore = Number((await api.ctx.knex.raw(`select count(*) from api_keys`)).rows[0].count);
      failNextTransaction(new Error("RPC node unreachable"));
      // When the agent registers
      const res = await register({ name });
      // Then it is a 500 without details, and nothing was stored
      assert.equal(res.statusCode, 500);
      assert.deepEqual(res.json(), { error: "Internal server error" });
      assert.deepEqual(await agentRows(name), []);
      assert.equal(Number((await api.ctx.knex.raw(`select count(*) from api_keys`)).rows[0].count), keysBefore);
      // And registering again works
      await accepted({ name });
    });

    it("when outbox recovery holds the intent, it is a 503 saying to register again, and nothing is stored", async () => {
      const name = uniqueName("busy");
      failNextTransaction(new TxBusyError("register-agent:x"));
      const res = await register({ name });
      assert.equal(res.statusCode, 503);
      assert.equal(res.headers["retry-after"], "1");
      assert.deepEqual(res.json(), { error: "Registration did not complete and nothing was stored; register again" });
      assert.deepEqual(await agentRows(name), []);
    });

    it("when the index does not catch up in time, it is a 503 with Retry-After and nothing is stored", async () => {
      const name = uniqueName("lag");
      const wait = api.ctx.waitForSlot;
      api.ctx.waitForSlot = async () => {
        throw new SlotWaitTimeout(1, 0, 10);
      };
      try {
        const res = await register({ name });
        assert.equal(res.statusCode, 503);
        assert.equal(res.headers["retry-after"], "1");
      } finally {
        api.ctx.waitForSlot = wait;
      }
      assert.deepEqual(await agentRows(name), []);
      await accepted({ name });
    });

    it("a failed registration's wallet is never signed for again: its lent key is gone", async () => {
      const name = uniqueName("lent");
      let wallet: string | undefined;
      const original = api.ctx.tx.execute.bind(api.ctx.tx);
      api.ctx.tx.execute = async (key) => {
        api.ctx.tx.execute = original;
        wallet = key.replace(/^register-agent:/, "");
        throw new Error("boom");
      };
      assert.equal((await register({ name })).statusCode, 500);
      assert.ok(wallet);
      assert.equal(await api.ctx.signers.resolve(wallet), undefined);
    });
  });
});
