/**
 * Every job instruction from every status: only the transitions of the lifecycle succeed
 * (the right party acting before its deadline); everything else is refused and changes
 * nothing. Which error a refusal carries is pinned in jobs.test.ts and disputes.test.ts.
 */
import assert from "node:assert/strict";
import type { Keypair, TransactionInstruction } from "@solana/web3.js";
import { fundedAgent, type TestAgent } from "../support/agents.js";
import { assertAccepted, assertRefused } from "../support/attempts.js";
import { assertMoneyInvariants } from "../support/invariant.js";
import { newJob, type TestJob } from "../support/jobs.js";
import { Platform, RUNTIMES } from "../support/platform.js";

type From = "open" | "funded" | "accepted" | "delivered" | "disputed" | "closed";
type Action = "assign" | "accept" | "deliver" | "release" | "refund" | "dispute" | "resolve";

/** The lifecycle: what the right party may do from each status. */
const ALLOWED: Record<From, Action[]> = {
  open: ["assign", "refund"],
  funded: ["accept", "refund"],
  accepted: ["deliver", "refund"],
  delivered: ["release", "dispute"],
  disputed: ["resolve"],
  closed: [],
};
const ACTIONS: Action[] = ["assign", "accept", "deliver", "release", "refund", "dispute", "resolve"];

for (const runtime of RUNTIMES) {
  describe(`job status transitions [${runtime.name}]`, () => {
    let p: Platform;
    let client: TestAgent;
    let provider: TestAgent;
    before(async () => {
      p = await Platform.start(runtime.start);
      await p.initializeConfig();
      client = await fundedAgent(p, 200_000_000n);
      provider = await fundedAgent(p);
    });

    /** A fresh job in status `from`, by the normal path. */
    async function jobIn(from: From): Promise<TestJob> {
      const job = newJob(p, client, from === "open" ? null : provider);
      await job.create({ requiresAcceptance: from === "funded" });
      if (from === "delivered" || from === "disputed" || from === "closed") await job.deliver();
      if (from === "disputed") await job.dispute(client);
      if (from === "closed") await job.release();
      assert.equal(await job.status(), from);
      return job;
    }

    /** The right party's attempt at `action` (the would-be provider acts on an open job). */
    async function attempt(job: TestJob, action: Action): Promise<{ ix: TransactionInstruction; signers: Keypair[] }> {
      const as = { provider: provider.key };
      const asLedger = { providerAgent: provider.ledger };
      switch (action) {
        case "assign":
          return { ix: await job.assignIx(provider.key), signers: [client.wallet] };
        case "accept":
          return { ix: await job.acceptIx(as), signers: [provider.wallet] };
        case "deliver":
          return { ix: await job.deliverIx(undefined, as), signers: [provider.wallet] };
        case "release":
          return { ix: await job.releaseIx(undefined, asLedger), signers: [client.wallet] };
        case "refund":
          return { ix: await job.refundIx(), signers: [client.wallet] };
        case "dispute":
          return { ix: await job.openDisputeIx(client), signers: [client.wallet, p.operator] };
        case "resolve":
          return { ix: await job.resolveIx("claimantWins", asLedger), signers: [p.arbiter] };
      }
    }

    for (const from of Object.keys(ALLOWED) as From[]) {
      const allowed = ALLOWED[from];
      const title =
        allowed.length === 0
          ? `from ${from}: every instruction is refused`
          : `from ${from}: only ${allowed.join(" and ")} ${allowed.length === 1 ? "succeeds" : "succeed"}; the rest are refused`;
      it(title, async () => {
        for (const action of ACTIONS) {
          const job = await jobIn(from);
          const a = await attempt(job, action);
          if (ALLOWED[from].includes(action)) {
            await assertAccepted(p, a);
            await assertMoneyInvariants(p);
          } else {
            const r = await p.send(a.ix, a.signers);
            assert.equal(r.ok, false, `${action} from ${from} succeeded`);
            assert.ok(r.errorCode !== undefined && r.errorCode >= 6000, `${action} from ${from}: ${r.error}`);
            assert.equal(await job.status(), from, `${action} from ${from} changed the job`);
            await assertMoneyInvariants(p);
          }
        }
      });
    }

    it("keeps a refused attempt from changing anything (spot check with full account comparison)", async () => {
      const job = await jobIn("disputed");
      await assertRefused(p, await attempt(job, "release"), "InvalidStatus", [
        job.address,
        client.ledger,
        provider.ledger,
      ]);
    });
  });
}
