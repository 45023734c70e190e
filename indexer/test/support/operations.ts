/**
 * Random program operations for the mirror tests (agents, wallet, jobs; campaigns are in
 * campaign-operations.ts). Each kind picks its inputs from the
 * current chain state (decoded from the IDL) and sends real transactions; it returns null
 * when nothing in the state fits (no agent yet, no job to accept...). Adding an
 * instruction's kind to the catalogue is the only change the tests need when the program
 * grows; kinds whose instruction is not in the IDL are left out automatically.
 */
import { createHash } from "node:crypto";
import type { SendOutcome } from "@justpay/sdk";
import { IDL, jobPda, USDC_DECIMALS, usableJobId } from "@justpay/sdk";
import {
  createAssociatedTokenAccountIdempotentInstruction,
  createTransferCheckedInstruction,
  getAssociatedTokenAddressSync,
} from "@solana/spl-token";
import { Keypair, PublicKey } from "@solana/web3.js";
import BN from "bn.js";
import { CAMPAIGN_OPERATIONS } from "./campaign-operations.js";
import { CONFIG_PARAMS, type LocalAgent, type LocalPlatform } from "./local-platform.js";
import { accountsOf, agentByWallet, available, big, type Fields, type Operation, registered } from "./operation-kit.js";
import type { Rng } from "./random.js";

export type { Operation };

const USDC = 1_000_000n;
const statusOf = (job: Fields) => Object.keys(job.status as object)[0];

const registerAgent: Operation = {
  kind: "register_agent",
  instruction: "register_agent",
  async run(p) {
    const agent = p.newAgent();
    const ix = await p.program.methods
      .registerAgent()
      .accountsPartial({ payer: p.chain.feePayer.publicKey, wallet: agent.wallet.publicKey, agent: agent.ledger })
      .instruction();
    const outcome = await p.send([ix], [agent.wallet]);
    agent.registered = outcome.err === null;
    return outcome;
  },
};

const deposit: Operation = {
  kind: "deposit",
  instruction: "deposit",
  async run(p, rng) {
    const agent = rng.pick(registered(p));
    if (!agent) return null;
    const amount = BigInt(rng.int(2, 40)) * USDC;
    await p.chain.mintUsdc(agent.wallet.publicKey, amount);
    const ix = await p.program.methods
      .deposit(new BN(amount.toString()), agent.personal.publicKey)
      .accountsPartial({
        wallet: agent.wallet.publicKey,
        operator: p.operator.publicKey,
        agent: agent.ledger,
        config: p.config,
        source: agent.usdc,
        vault: p.vault,
      })
      .instruction();
    return p.send([ix], [agent.wallet, p.operator]);
  },
};

/** Plain SPL traffic between agents' wallets: the indexer must see it and ignore it. */
const transferUsdc: Operation = {
  kind: "usdc_transfer",
  instruction: null,
  async run(p, rng) {
    const from = rng.pick(p.agents);
    const to = rng.pick(p.agents.filter((a) => a !== from));
    if (!from || !to) return null;
    const amount = BigInt(rng.int(1, 5)) * USDC;
    await p.chain.mintUsdc(from.wallet.publicKey, amount);
    return p.send(
      [
        createAssociatedTokenAccountIdempotentInstruction(
          p.chain.feePayer.publicKey,
          to.usdc,
          to.wallet.publicKey,
          p.chain.usdcMint,
        ),
        createTransferCheckedInstruction(
          from.usdc,
          p.chain.usdcMint,
          to.usdc,
          from.wallet.publicKey,
          amount,
          USDC_DECIMALS,
        ),
      ],
      [from.wallet],
    );
  },
};

const setWithdrawalAddress: Operation = {
  kind: "set_withdrawal_address",
  instruction: "set_withdrawal_address",
  async run(p, rng) {
    // Only a first address: changing it starts a 24 h cooldown that would block withdraw.
    const agent = rng.pick(registered(p).filter((a) => !a.withdrawalAddress));
    if (!agent) return null;
    const address = Keypair.generate().publicKey;
    const ix = await p.program.methods
      .setWithdrawalAddress(address)
      .accountsPartial({ wallet: agent.wallet.publicKey, agent: agent.ledger, config: p.config })
      .instruction();
    const outcome = await p.send([ix], [agent.wallet]);
    if (!outcome.err) agent.withdrawalAddress = address;
    return outcome;
  },
};

const withdraw: Operation = {
  kind: "withdraw",
  instruction: "withdraw",
  async run(p, rng) {
    const minimum = big(CONFIG_PARAMS.withdrawMinimum);
    const candidates: LocalAgent[] = [];
    for (const a of registered(p)) if (a.withdrawalAddress && (await available(p, a)) >= minimum) candidates.push(a);
    const agent = rng.pick(candidates);
    if (!agent?.withdrawalAddress) return null;
    const destination = getAssociatedTokenAddressSync(p.chain.usdcMint, agent.withdrawalAddress);
    const ix = await p.program.methods
      .withdraw(new BN(minimum.toString()))
      .accountsPartial({
        wallet: agent.wallet.publicKey,
        agent: agent.ledger,
        config: p.config,
        vault: p.vault,
        destination,
      })
      .instruction();
    const createDestination = createAssociatedTokenAccountIdempotentInstruction(
      p.chain.feePayer.publicKey,
      destination,
      agent.withdrawalAddress,
      p.chain.usdcMint,
    );
    return p.send([createDestination, ix], [agent.wallet]);
  },
};

let nextJobId = 1n;

const createJob: Operation = {
  kind: "create_job",
  instruction: "create_job",
  async run(p, rng) {
    const funded: LocalAgent[] = [];
    for (const a of registered(p)) if ((await available(p, a)) >= 3n * USDC) funded.push(a);
    const client = rng.pick(funded);
    const provider = rng.pick(registered(p).filter((a) => a !== client));
    if (!client || !provider) return null;
    const id = usableJobId(p.chain.programId, client.wallet.publicKey, nextJobId);
    nextJobId = id + 1n;
    const job = jobPda(p.chain.programId, client.wallet.publicKey, id);
    const amount = BigInt(rng.int(1, 2)) * USDC;
    const deliverBy = (await p.chain.unixTime()) + 3_600n;
    const ix = await p.program.methods
      .createJob(
        new BN(id.toString()),
        provider.wallet.publicKey,
        new BN(amount.toString()),
        new BN(0),
        new BN(deliverBy.toString()),
        rng.chance(0.5),
        job.bump,
      )
      .accountsPartial({
        payer: p.chain.feePayer.publicKey,
        client: client.wallet.publicKey,
        operator: p.operator.publicKey,
        clientAgent: client.ledger,
        config: p.config,
        job: job.address,
        providerAgent: provider.ledger,
      })
      .instruction();
    return p.send([ix], [client.wallet, p.operator]);
  },
};

async function pickJob(p: LocalPlatform, rng: Rng, statuses: string[]) {
  const jobs = (await accountsOf(p, "Job")).filter((j) => statuses.includes(String(statusOf(j.fields))));
  const job = rng.pick(jobs);
  if (!job) return null;
  const client = agentByWallet(p, job.fields.client);
  const provider = agentByWallet(p, job.fields.provider);
  return client && provider ? { ...job, client, provider } : null;
}

const acceptJob: Operation = {
  kind: "accept_job",
  instruction: "accept_job",
  async run(p, rng) {
    const job = await pickJob(p, rng, ["Funded"]);
    if (!job) return null;
    const ix = await p.program.methods
      .acceptJob()
      .accountsPartial({ provider: job.provider.wallet.publicKey, job: job.address })
      .instruction();
    return p.send([ix], [job.provider.wallet]);
  },
};

const deliverJob: Operation = {
  kind: "mark_delivered",
  instruction: "mark_delivered",
  async run(p, rng) {
    const job = await pickJob(p, rng, ["Accepted"]);
    if (!job) return null;
    const hash = [...createHash("sha256").update(job.address.toBuffer()).digest()];
    const ix = await p.program.methods
      .markDelivered(hash)
      .accountsPartial({ provider: job.provider.wallet.publicKey, job: job.address, config: p.config })
      .instruction();
    return p.send([ix], [job.provider.wallet]);
  },
};

const releaseJob: Operation = {
  kind: "release",
  instruction: "release",
  async run(p, rng) {
    const job = await pickJob(p, rng, ["Delivered"]);
    if (!job) return null;
    const ix = await p.program.methods
      .release()
      .accountsPartial({
        authority: job.client.wallet.publicKey,
        job: job.address,
        providerAgent: job.provider.ledger,
        config: p.config,
        rentPayer: new PublicKey(String(job.fields.rent_payer)),
      })
      .instruction();
    return p.send([ix], [job.client.wallet]);
  },
};

const refundJob: Operation = {
  kind: "refund",
  instruction: "refund",
  async run(p, rng) {
    const job = await pickJob(p, rng, ["Funded", "Accepted"]);
    if (!job) return null;
    const ix = await p.program.methods
      .refund()
      .accountsPartial({
        authority: job.client.wallet.publicKey,
        job: job.address,
        clientAgent: job.client.ledger,
        rentPayer: new PublicKey(String(job.fields.rent_payer)),
      })
      .instruction();
    return p.send([ix], [job.client.wallet]);
  },
};

const CATALOGUE: Operation[] = [
  ...CAMPAIGN_OPERATIONS,
  registerAgent,
  deposit,
  transferUsdc,
  setWithdrawalAddress,
  withdraw,
  createJob,
  acceptJob,
  deliverJob,
  releaseJob,
  refundJob,
];

/** The kinds the current IDL supports. */
export function availableOperations(): Operation[] {
  const instructions = new Set(IDL.instructions.map((i) => i.name as string));
  return CATALOGUE.filter((o) => o.instruction === null || instructions.has(o.instruction));
}

/** Picks kinds until one applies to the current state; null if none does. */
export async function randomOperation(
  p: LocalPlatform,
  rng: Rng,
  operations: readonly Operation[],
): Promise<{ kind: string; outcome: SendOutcome } | null> {
  const order = [...operations].sort(() => rng.next() - 0.5);
  for (const op of order) {
    const outcome = await op.run(p, rng);
    if (outcome) return { kind: op.kind, outcome };
  }
  return null;
}
