/**
 * Compute units of every campaign instruction, on the path each one takes in production.
 * `claim_task` and `create_campaign` include the system program's create_account CPI
 * (`create_campaign` for an owner whose campaign bump is 255: no canonical-bump proof); the
 * first claim of an agent on a campaign creates two accounts (task and quota) and proves the
 * quota's bump canonical, which costs about 340 CU per bump above it (none for bump 255,
 * half of all agents), so the first claims are measured for agents with bumps 255 and 254.
 *
 * Runs under `bench/cu.ts` (`run(ctx)`: CU per IDL instruction name, worst path kept, plus
 * account sizes) or standalone as `run(p, record)`, which records every path separately.
 */

import { campaignPda } from "@justpay/sdk";
import type { Platform, SentTx } from "@justpay/tests/support";
import { DEFAULT_CAMPAIGN, fundedAgent, openCampaign, TestAgent, TestCampaign, warpBy } from "@justpay/tests/support";
import type { PublicKey } from "@solana/web3.js";

type Record = (instruction: string, cu: number) => void;
/** The part of bench/cu.ts's `CuContext` this scenario uses. */
interface Context {
  readonly p: Platform;
  measure(instruction: string, tx: SentTx): void;
  accountSize(name: string, address: PublicKey): Promise<void>;
}

export const scenario = {
  name: "campaigns",
  async run(target: Platform | Context, record?: Record): Promise<void> {
    const ctx = "measure" in target ? target : undefined;
    const p = ctx ? ctx.p : (target as Platform);
    if (!(await p.chain.getAccount(p.config))) await p.initializeConfig();
    /** `label` is the IDL instruction name, optionally followed by the path in parentheses. */
    const note = (label: string, r: SentTx) => {
      if (!r.ok) throw new Error(`${label} failed: ${r.error}\n${r.logs.join("\n")}`);
      if (ctx) ctx.measure(label.split(" ")[0]!, r);
      else record?.(label, r.computeUnits);
    };
    const size = async (name: string, address: PublicKey) => ctx?.accountSize(name, address);
    // An auto-accepting campaign: claim and get paid on delivery.
    const owner = await ownerWithCanonicalCampaignBump(p, 1n);
    const auto = new TestCampaign(p, owner, 1n, { ...DEFAULT_CAMPAIGN, maxPerAgent: 5 });
    note("create_campaign", await p.send(await auto.createIx(), [owner.wallet]));
    p.track("campaign", auto.address);
    const a = await agentWithQuotaBump(p, auto, 255);
    const b = await agentWithQuotaBump(p, auto, 254);
    const c = await fundedAgent(p, 1_000_000n);
    let t = await auto.nextTask(a);
    let r = await p.send(await auto.claimIx(t), [a.wallet, p.operator]);
    note("claim_task (first claim: task + quota, quota bump 255)", r);
    await size("Campaign", auto.address);
    await size("Task", t.address);
    await size("CampaignQuota", t.quota);
    note("deliver_task (auto-accept: pays)", await auto.deliver(t));
    const tb = await auto.nextTask(b);
    note(
      "claim_task (first claim: task + quota, quota bump 254)",
      await p.send(await auto.claimIx(tb), [b.wallet, p.operator]),
    );
    await auto.deliver(tb);
    t = await auto.nextTask(a);
    r = await p.send(await auto.claimIx(t), [a.wallet, p.operator]);
    note("claim_task (creates task)", r);
    await auto.deliver(t);

    // A reviewed campaign: accept, reject, crank after the review window, expire.
    const reviewed = await openCampaign(p, { autoAccept: false, maxPerAgent: 5 }, { owner, id: 2n });
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

/**
 * An owner whose campaign `id` has canonical bump 255, so create_campaign's canonical-bump
 * proof costs nothing and the measurement is the same on every run (~340 CU per bump below).
 */
async function ownerWithCanonicalCampaignBump(p: Platform, id: bigint): Promise<TestAgent> {
  for (;;) {
    const owner = new TestAgent(p);
    if (campaignPda(p.program.programId, owner.key, id).bump !== 255) continue;
    await owner.register();
    await owner.deposit(40_000_000n);
    return owner;
  }
}

/** A claimant whose quota on `campaign` has the given canonical bump. */
async function agentWithQuotaBump(p: Platform, campaign: TestCampaign, bump: number): Promise<TestAgent> {
  for (;;) {
    const agent = new TestAgent(p);
    if (campaign.quota(agent).bump !== bump) continue;
    await agent.register();
    await agent.deposit(1_000_000n);
    return agent;
  }
}
