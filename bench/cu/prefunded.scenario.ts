/**
 * Compute units of account creation at an address a griefer has already sent lamports to:
 * every create path tops the account up to rent exemption, then allocates and assigns it
 * (three system-program CPIs instead of one CreateAccount). Recorded as "<instruction>
 * (pre-funded)" beside the normal-path numbers the other scenarios record, on the same
 * shapes: agents and quotas with canonical bump 255, so no bump search or bump proof varies
 * the numbers between runs.
 */

import { DEFAULT_CAMPAIGN, newJob, TestAgent, TestCampaign } from "@justpay/tests/support";
import type { PublicKey } from "@solana/web3.js";
import type { CuScenario } from "../cu.js";

/**
 * Below every account's rent (the smallest, a quota's, is 1 726 080), so all three CPIs run;
 * at least a data-less account's rent (890 880), the least a transfer may leave at a new address.
 */
const GRIEF_LAMPORTS = 1_000_000n;

export const scenario: CuScenario = {
  name: "pre-funded",
  async run(ctx) {
    const { p } = ctx;
    const grief = (address: PublicKey) => p.chain.airdrop(address, GRIEF_LAMPORTS);

    await grief(p.config);
    ctx.measure("initialize_config (pre-funded)", await p.initializeConfig());

    /** A registered, funded agent whose ledger (and quota on `campaign`, if given) has bump 255. */
    const agent = async (campaign?: TestCampaign) => {
      let a = new TestAgent(p);
      while (a.ledgerBump !== 255 || (campaign && campaign.quota(a).bump !== 255)) a = new TestAgent(p);
      await grief(a.ledger);
      ctx.measure("register_agent (pre-funded)", await a.register());
      await a.deposit(30_000_000n);
      return a;
    };
    const client = await agent();
    const campaign = new TestCampaign(p, client, 1n, { ...DEFAULT_CAMPAIGN, maxPerAgent: 2 });
    const provider = await agent(campaign);

    const job = newJob(p, client, provider);
    await grief(job.address);
    ctx.measure("create_job (pre-funded)", await job.create({ requiresAcceptance: true }));

    await grief(campaign.address);
    ctx.measure("create_campaign (pre-funded)", await campaign.create());
    let task = await campaign.nextTask(provider);
    await grief(task.quota);
    await grief(task.address);
    const claim = async () => p.send(await campaign.claimIx(task), [provider.wallet, p.operator]);
    ctx.measure("claim_task (pre-funded: task + quota, quota bump 255)", await claim());
    task = await campaign.nextTask(provider);
    await grief(task.address);
    ctx.measure("claim_task (pre-funded: task)", await claim());
  },
};
