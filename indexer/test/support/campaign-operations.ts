/**
 * Campaign operations for the random mirror tests: create, top up, claim, deliver, accept,
 * reject, expire (on a cancelled campaign), cancel and the two close cranks. Same contract
 * as operations.ts: inputs come from decoded chain state, null when nothing fits.
 */
import { createHash } from "node:crypto";
import { campaignPda } from "@justpay/sdk";
import { PublicKey } from "@solana/web3.js";
import BN from "bn.js";
import type { LocalAgent, LocalPlatform } from "./local-platform.js";
import { accountsOf, agentByWallet, available, type ChainRecord, type Operation, registered } from "./operation-kit.js";
import type { Rng } from "./random.js";

const USDC = 1_000_000n;
const hash32 = (text: string) => [...createHash("sha256").update(text).digest()];
const u32le = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};
const pda = (p: LocalPlatform, seeds: Buffer[]) => PublicKey.findProgramAddressSync(seeds, p.chain.programId);
const variant = (v: unknown) => Object.keys(v as object)[0];

let nextCampaignId = 1n;

async function pickCampaign(p: LocalPlatform, rng: Rng, statuses: string[]) {
  const campaigns = (await accountsOf(p, "Campaign")).filter((c) =>
    statuses.includes(String(variant(c.fields.status))),
  );
  const campaign = rng.pick(campaigns);
  const owner = campaign && agentByWallet(p, campaign.fields.owner);
  return campaign && owner ? { ...campaign, owner } : null;
}

async function pickTask(p: LocalPlatform, rng: Rng, statuses: string[]) {
  const tasks = (await accountsOf(p, "Task")).filter((t) => statuses.includes(String(variant(t.fields.status))));
  const task = rng.pick(tasks);
  if (!task) return null;
  const campaignAddress = new PublicKey(String(task.fields.campaign));
  const campaign = (await accountsOf(p, "Campaign")).find((c) => c.address.equals(campaignAddress));
  const agent = agentByWallet(p, task.fields.agent);
  const owner = campaign && agentByWallet(p, campaign.fields.owner);
  return campaign && agent && owner ? { task, campaign, agent, owner } : null;
}

const rentPayer = (r: ChainRecord) => new PublicKey(String(r.fields.rent_payer));

const createCampaign: Operation = {
  kind: "create_campaign",
  instruction: "create_campaign",
  async run(p, rng) {
    const owners: LocalAgent[] = [];
    for (const a of registered(p)) if ((await available(p, a)) >= 2n * USDC) owners.push(a);
    const owner = rng.pick(owners);
    if (!owner) return null;
    const id = nextCampaignId++;
    const { address: campaign, bump } = campaignPda(p.chain.programId, owner.wallet.publicKey, id);
    const ix = await p.program.methods
      .createCampaign(
        new BN(id.toString()),
        new BN(100_000),
        new BN(rng.int(3, 10) * 100_000),
        rng.int(1, 3),
        0,
        rng.int(1, 4),
        300,
        300,
        30,
        rng.chance(0.5),
        bump,
      )
      .accountsPartial({
        payer: p.chain.feePayer.publicKey,
        owner: owner.wallet.publicKey,
        ownerAgent: owner.ledger,
        config: p.config,
        campaign,
      })
      .instruction();
    return p.send([ix], [owner.wallet]);
  },
};

const topUpCampaign: Operation = {
  kind: "top_up_campaign",
  instruction: "top_up_campaign",
  async run(p, rng) {
    const c = await pickCampaign(p, rng, ["Active", "Paused"]);
    if (!c || (await available(p, c.owner)) < USDC) return null;
    const ix = await p.program.methods
      .topUpCampaign(new BN(200_000))
      .accountsPartial({
        owner: c.owner.wallet.publicKey,
        ownerAgent: c.owner.ledger,
        config: p.config,
        campaign: c.address,
      })
      .instruction();
    return p.send([ix], [c.owner.wallet]);
  },
};

const claimTask: Operation = {
  kind: "claim_task",
  instruction: "claim_task",
  async run(p, rng) {
    const c = await pickCampaign(p, rng, ["Active"]);
    const agent = rng.pick(registered(p).filter((a) => a !== c?.owner));
    if (!c || !agent) return null;
    const [quota, quotaBump] = pda(p, [Buffer.from("quota"), c.address.toBuffer(), agent.wallet.publicKey.toBuffer()]);
    const quotaState = (await accountsOf(p, "CampaignQuota")).find((q) => q.address.equals(quota));
    const index = quotaState ? Number(quotaState.fields.total_claims) : 0;
    const [task, taskBump] = pda(p, [Buffer.from("task"), quota.toBuffer(), u32le(index)]);
    const ix = await p.program.methods
      .claimTask(taskBump, quotaBump)
      .accountsPartial({
        payer: p.chain.feePayer.publicKey,
        wallet: agent.wallet.publicKey,
        operator: p.operator.publicKey,
        agent: agent.ledger,
        config: p.config,
        campaign: c.address,
        quota,
        task,
      })
      .instruction();
    return p.send([ix], [agent.wallet, p.operator]);
  },
};

const deliverTask: Operation = {
  kind: "deliver_task",
  instruction: "deliver_task",
  async run(p, rng) {
    const t = await pickTask(p, rng, ["Claimed"]);
    if (!t) return null;
    const ix = await p.program.methods
      .deliverTask(hash32(t.task.address.toBase58()))
      .accountsPartial({
        wallet: t.agent.wallet.publicKey,
        campaign: t.campaign.address,
        task: t.task.address,
        agent: t.agent.ledger,
        config: p.config,
        rentPayer: rentPayer(t.task),
      })
      .instruction();
    return p.send([ix], [t.agent.wallet]);
  },
};

const acceptTask: Operation = {
  kind: "accept_task",
  instruction: "accept_task",
  async run(p, rng) {
    const t = await pickTask(p, rng, ["Delivered"]);
    if (!t) return null;
    const ix = await p.program.methods
      .acceptTask()
      .accountsPartial({
        authority: t.owner.wallet.publicKey,
        campaign: t.campaign.address,
        task: t.task.address,
        agent: t.agent.ledger,
        config: p.config,
        rentPayer: rentPayer(t.task),
      })
      .instruction();
    return p.send([ix], [t.owner.wallet]);
  },
};

const rejectTask: Operation = {
  kind: "reject_task",
  instruction: "reject_task",
  async run(p, rng) {
    const t = await pickTask(p, rng, ["Delivered"]);
    if (!t) return null;
    const ix = await p.program.methods
      .rejectTask(hash32("not what was asked"))
      .accountsPartial({
        owner: t.owner.wallet.publicKey,
        campaign: t.campaign.address,
        task: t.task.address,
        ownerAgent: t.owner.ledger,
        rentPayer: rentPayer(t.task),
      })
      .instruction();
    return p.send([ix], [t.owner.wallet]);
  },
};

const cancelCampaign: Operation = {
  kind: "cancel_campaign",
  instruction: "cancel_campaign",
  async run(p, rng) {
    const c = await pickCampaign(p, rng, ["Active", "Paused"]);
    if (!c) return null;
    const ix = await p.program.methods
      .cancelCampaign()
      .accountsPartial({
        authority: c.owner.wallet.publicKey,
        campaign: c.address,
        ownerAgent: c.owner.ledger,
        rentPayer: rentPayer(c),
      })
      .instruction();
    return p.send([ix], [c.owner.wallet]);
  },
};

/** Undelivered claims on a cancelled campaign are void: anyone may end them at once. */
const expireTask: Operation = {
  kind: "expire_task",
  instruction: "expire_task",
  async run(p, rng) {
    const t = await pickTask(p, rng, ["Claimed"]);
    if (!t || variant(t.campaign.fields.status) !== "Cancelled") return null;
    const ix = await p.program.methods
      .expireTask()
      .accountsPartial({
        campaign: t.campaign.address,
        task: t.task.address,
        ownerAgent: t.owner.ledger,
        rentPayer: rentPayer(t.task),
      })
      .instruction();
    return p.send([ix]);
  },
};

const closeCampaign: Operation = {
  kind: "close_campaign",
  instruction: "close_campaign",
  async run(p, rng) {
    const c = await pickCampaign(p, rng, ["Cancelled"]);
    if (!c || Number(c.fields.active_claims) > 0) return null;
    const ix = await p.program.methods
      .closeCampaign()
      .accountsPartial({ campaign: c.address, rentPayer: rentPayer(c) })
      .instruction();
    return p.send([ix]);
  },
};

const closeQuota: Operation = {
  kind: "close_quota",
  instruction: "close_quota",
  async run(p, rng) {
    const campaigns = new Set((await accountsOf(p, "Campaign")).map((c) => c.address.toBase58()));
    const orphan = rng.pick(
      (await accountsOf(p, "CampaignQuota")).filter((q) => !campaigns.has(String(q.fields.campaign))),
    );
    if (!orphan) return null;
    const ix = await p.program.methods
      .closeQuota()
      .accountsPartial({
        quota: orphan.address,
        campaign: new PublicKey(String(orphan.fields.campaign)),
        rentPayer: rentPayer(orphan),
      })
      .instruction();
    return p.send([ix]);
  },
};

export const CAMPAIGN_OPERATIONS: Operation[] = [
  createCampaign,
  topUpCampaign,
  claimTask,
  deliverTask,
  acceptTask,
  rejectTask,
  cancelCampaign,
  expireTask,
  closeCampaign,
  closeQuota,
];
