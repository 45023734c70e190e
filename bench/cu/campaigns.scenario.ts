/**
 * Compute units of every campaign instruction, on the path each one takes in production.
 * `claim_task` and `create_campaign` include the system program's create_account CPI; the
 * first claim of an agent on a campaign creates two accounts (task and quota).
 */
import { fundedAgent } from "../../tests/support/agents.js";
import { openCampaign, type TestCampaign, warpBy } from "../../tests/support/campaigns.js";
import type { Platform, SentTx } from "../../tests/support/platform.js";

type Record = (instruction: string, cu: number) => void;

export const scenario = {
  name: "campaigns",
  async run(p: Platform, record: Record): Promise<void> {
    if (!(await p.chain.getAccount(p.config))) await p.initializeConfig();
    const note = (instruction: string, r: SentTx) => {
      if (!r.ok) throw new Error(`${instruction} failed: ${r.error}\n${r.logs.join("\n")}`);
      record(instruction, r.computeUnits);
    };
    const agents = [];
    for (let i = 0; i < 3; i++) agents.push(await fundedAgent(p, 1_000_000n));
    const [a, b, c] = agents as [(typeof agents)[0], (typeof agents)[0], (typeof agents)[0]];

    // An auto-accepting campaign: claim and get paid on delivery.
    const auto = await openCampaign(p, { maxPerAgent: 5 });
    note("create_campaign", await lastTx(auto));
    let t = await auto.nextTask(a);
    let r = await p.send(await auto.claimIx(t), [a.wallet, p.operator]);
    note("claim_task (first claim: creates task + quota)", r);
    note("deliver_task (auto-accept: pays)", await auto.deliver(t));
    t = await auto.nextTask(a);
    r = await p.send(await auto.claimIx(t), [a.wallet, p.operator]);
    note("claim_task (creates task)", r);
    await auto.deliver(t);

    // A reviewed campaign: accept, reject, crank after the review window, expire.
    const reviewed = await openCampaign(p, { autoAccept: false, maxPerAgent: 5 });
    const t1 = await reviewed.claim(a);
    note("deliver_task (review)", await reviewed.deliver(t1));
    note("accept_task (owner)", await reviewed.accept(t1));
    const t2 = await reviewed.claim(a);
    await reviewed.deliver(t2);
    note("reject_task", await reviewed.reject(t2));
    const t3 = await reviewed.claim(b);
    await reviewed.deliver(t3);
    await warpBy(p, BigInt(reviewed.params.reviewTimeout));
    note("accept_task (anyone after review_by)", await reviewed.accept(t3, p.chain.payer));
    const t4 = await reviewed.claim(c);
    await warpBy(p, BigInt(reviewed.params.claimTimeout));
    note("expire_task", await reviewed.expire(t4));
    note("top_up_campaign", await reviewed.topUp(1_000_000n));
    note("pause_campaign", await reviewed.pause());
    note("resume_campaign", await reviewed.resume());

    // Cancel with work in flight, then settle it and close.
    const t5 = await reviewed.claim(b);
    const t6 = await reviewed.claim(c);
    await reviewed.deliver(t6);
    note("cancel_campaign (tasks in progress)", await reviewed.cancel());
    note("expire_task (cancelled campaign: refunds owner)", await reviewed.expire(t5));
    await reviewed.accept(t6);
    note("close_campaign", await reviewed.close());
    note("close_quota", await p.send(await reviewed.closeQuotaIx(a), []));
    note("cancel_campaign (no task: closes)", await auto.cancel());
  },
};

/** `openCampaign` sends create_campaign itself; re-measure it on a twin. */
async function lastTx(c: TestCampaign): Promise<SentTx> {
  const twin = new (c.constructor as typeof TestCampaign)(c.p, c.owner, c.id + 1n, c.params);
  const r = await c.p.send(await twin.createIx(), [c.owner.wallet]);
  if (r.ok) c.p.track("campaign", twin.address);
  return r;
}
