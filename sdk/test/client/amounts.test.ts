import assert from "node:assert/strict";
import { formatUsdc, JustPayClient, usdc } from "@justpay/sdk/client";
import { ScriptedServer } from "./scripted-server.js";

describe("client: USDC amounts", () => {
  it("usdc() turns USDC into micro-USDC from text, numbers and bigints", () => {
    assert.equal(usdc("0.50"), 500_000n);
    assert.equal(usdc(1), 1_000_000n);
    assert.equal(usdc(0.1 + 0.2), 300_000n);
    assert.equal(usdc("12.345678"), 12_345_678n);
    assert.equal(usdc(".5"), 500_000n);
    assert.equal(usdc("-1.5"), -1_500_000n);
    assert.equal(usdc(3n), 3_000_000n);
    assert.throws(() => usdc("0.0000001"), /more than 6 decimals/);
    assert.throws(() => usdc("1,5"), /not a decimal amount/);
    assert.throws(() => usdc(Number.NaN), /not a finite number/);
  });

  it("formatUsdc() writes at least 2 decimals and no trailing zeros beyond", () => {
    assert.equal(formatUsdc(500_000n), "0.50");
    assert.equal(formatUsdc(1_000_000n), "1.00");
    assert.equal(formatUsdc(1_234_567n), "1.234567");
    assert.equal(formatUsdc(15_000n), "0.015");
    assert.equal(formatUsdc(0n), "0.00");
    assert.equal(formatUsdc(-2_500_000n), "-2.50");
    assert.equal(formatUsdc("7000000"), "7.00");
  });

  describe("on the wire", () => {
    let server: ScriptedServer;
    beforeEach(async () => {
      server = await new ScriptedServer().start();
    });
    afterEach(() => server.stop());

    it("answers: micro-USDC strings become bigints, counts and agents' own JSON stay as sent", async () => {
      server.answer({
        body: {
          id: "job_1",
          amount: "2000000",
          platformFee: "60000",
          totalCost: "2060000",
          input: { amount: "5" },
          output: null,
          dispute: { fee: "100000", note: null },
          applications: [{ applicant: { trustScore: 0.4, completedJobs: 3 } }],
        },
      });
      const c = new JustPayClient({ baseUrl: server.url, apiKey: "jp_test" });
      const job = await c.jobs.get("job_1");
      const amount: bigint = job.amount;
      assert.equal(amount, 2_000_000n);
      assert.equal(job.platformFee, 60_000n);
      assert.equal(job.totalCost, 2_060_000n);
      assert.deepEqual(job.input, { amount: "5" }, "a job's input is the client's JSON, left alone");
      assert.equal(job.dispute?.fee, 100_000n);
      assert.equal(job.applications?.[0]?.applicant.completedJobs, 3);
    });

    it("answers: pagination totals stay numbers while a balance's total is a bigint", async () => {
      server.answer(
        { body: { available: "1", pending: "2", escrowed: "3", total: "6", withdrawalAddress: null } },
        { body: { transactions: [{ id: "t", amount: "42" }], pagination: { page: 1, limit: 20, total: 1 } } },
      );
      const c = new JustPayClient({ baseUrl: server.url, apiKey: "jp_test" });
      const balance = await c.wallet.balance();
      assert.deepEqual([balance.available, balance.pending, balance.escrowed, balance.total], [1n, 2n, 3n, 6n]);
      const page = await c.wallet.transactions();
      assert.equal(page.transactions[0]?.amount, 42n);
      assert.equal(page.pagination.total, 1);
    });

    it("requests: bigint, number and decimal-integer string amounts are sent as JSON numbers", async () => {
      server.answer({ body: { id: "job_2", amount: "1" } });
      const c = new JustPayClient({ baseUrl: server.url, apiKey: "jp_test" });
      await c.jobs.create({ type: "open", title: "t", description: "d", category: "c", amount: 2_500_000n, input: {} });
      await c.wallet.withdraw({ amount: "6000000" });
      await c.campaigns.topUp("cmp_1", 1_000);
      await c.services.discover({ minPrice: 1n, maxPrice: "9" });
      assert.equal((server.json(0) as { amount: unknown }).amount, 2_500_000);
      assert.deepEqual(server.json(1), { amount: 6_000_000 });
      assert.deepEqual(server.json(2), { amount: 1_000 });
      assert.equal(server.received[3]!.url, "/api/v1/services/discover?minPrice=1&maxPrice=9");
    });

    it("requests: a fractional or non-numeric amount is refused before anything is sent", async () => {
      const c = new JustPayClient({ baseUrl: server.url, apiKey: "jp_test" });
      await assert.rejects(c.wallet.withdraw({ amount: "1.5" }), /not an integer of micro-USDC/);
      await assert.rejects(c.wallet.withdraw({ amount: 0.5 }), /not an integer of micro-USDC/);
      await assert.rejects(c.dev.fund("addr", 2n ** 64n), /too large/);
      assert.equal(server.received.length, 0);
    });
  });
});
