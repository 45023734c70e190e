/**
 * Local mode's dev routes: `POST /dev/fund` makes a real SPL transfer from a fresh personal
 * wallet, `POST /dev/advance-time` moves the chain's clock and runs the deadline sweeps; both
 * validate like the seed's routes, and neither exists outside local mode.
 */
import assert from "node:assert/strict";
import { Keypair } from "@solana/web3.js";
import type { FastifyInstance } from "fastify";
import { buildServer } from "../../src/server.js";
import { usdcAccountOf } from "../../src/wallet/usdc-account.js";
import { DEADLINES } from "../../src/workers/deadlines/index.js";
import { startTestApi, type TestApi } from "../support/test-api.js";
import { fund, usdcOf } from "../support/wallet.js";

describe("dev routes", () => {
  let api: TestApi;
  before(async () => {
    api = await startTestApi({ label: "dev_routes" });
  });
  after(async () => {
    await api?.close();
  });

  const post = (url: string, payload: Record<string, unknown>) => api.request({ method: "POST", url, payload });

  describe("POST /api/v1/dev/fund", () => {
    it("sends test USDC from a new personal wallet in a real, signed SPL transfer", async () => {
      const to = Keypair.generate().publicKey.toBase58();

      const { signature, from } = await fund(api, to, 2_500_000);

      assert.equal(await usdcOf(api, to), 2_500_000n);
      assert.equal(await usdcOf(api, from), 0n, "the personal wallet sent everything it was given");
      const scan = await api.chain.getTokenTransfersInto(usdcAccountOf(api.ctx, to));
      assert.deepEqual(
        scan.transfers.map((t) => [t.signature, t.amount, t.sourceOwner.toBase58()]),
        [[signature, 2_500_000n, from]],
      );
      const record = api.chain.getLoggedTransaction(signature)!;
      assert.ok(record.accountKeys.slice(0, 2).includes(from), "the personal wallet signed it");
    });

    it("refuses a bad address and amounts out of bounds with a 400", async () => {
      const address = Keypair.generate().publicKey.toBase58();
      for (const [payload, field] of [
        [{ address: "not-base58!", amount: 1 }, "address"],
        [{ address: "1111", amount: 1 }, "address"],
        [{ amount: 1 }, "address"],
        [{ address, amount: 0 }, "amount"],
        [{ address, amount: -5 }, "amount"],
        [{ address, amount: 1.5 }, "amount"],
        [{ address, amount: 10_000_000_001 }, "amount"],
        [{ address, amount: "100" }, "amount"],
        [{ address }, "amount"],
      ] as const) {
        const res = await post("/api/v1/dev/fund", payload);
        assert.equal(res.statusCode, 400, JSON.stringify(payload));
        assert.match(res.json().error, new RegExp(`^${field}`), JSON.stringify(payload));
      }
      assert.equal((await post("/api/v1/dev/fund", { address, amount: 10_000_000_000 })).statusCode, 200, "the bound");
    });
  });

  describe("POST /api/v1/dev/advance-time", () => {
    it("moves the chain's clock and runs every deadline sweep at the new time", async () => {
      const before = await api.chain.unixTime();
      const seen: bigint[] = [];
      const unregister = DEADLINES.register({
        name: "probe",
        runDue: async (_ctx, now) => {
          seen.push(now);
          return 1;
        },
      });
      try {
        const res = await post("/api/v1/dev/advance-time", { seconds: 3_600 });

        assert.equal(res.statusCode, 200, res.body);
        const { unixTimestamp } = res.json();
        assert.ok(unixTimestamp >= Number(before) + 3_600, `${unixTimestamp} ≥ ${before} + 3600`);
        assert.ok(Number(await api.chain.unixTime()) >= unixTimestamp);
        // The route ran the sweeps at the new time before answering (the periodic sweep worker
        // may also have run the probe meanwhile, at whatever time it read).
        assert.ok(seen.includes(BigInt(unixTimestamp)), `${seen} includes ${unixTimestamp}`);
      } finally {
        unregister();
      }
    });

    it("refuses seconds that are not a positive whole number up to a year", async () => {
      for (const seconds of [0, -1, 1.5, "60", 365 * 86_400 + 1, null]) {
        const res = await post("/api/v1/dev/advance-time", { seconds });
        assert.equal(res.statusCode, 400, String(seconds));
        assert.match(res.json().error, /^seconds/);
      }
    });
  });

  describe("outside local mode", () => {
    let cluster: FastifyInstance;
    before(async () => {
      cluster = await buildServer({ ...api.ctx, config: { ...api.ctx.config, localMode: false } });
    });
    after(async () => {
      await cluster?.close();
    });

    it("has no dev routes: 404 like any unknown path", async () => {
      for (const [url, payload] of [
        ["/api/v1/dev/fund", { address: Keypair.generate().publicKey.toBase58(), amount: 1 }],
        ["/api/v1/dev/advance-time", { seconds: 60 }],
      ] as const) {
        const res = await cluster.inject({ method: "POST", url, payload });
        assert.equal(res.statusCode, 404, url);
        assert.equal(typeof res.json().error, "string");
      }
    });
  });
});
