/** Campaigns, their quotas and tasks, driven through the real instructions. */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { campaignPda, errorCode, type ProgramErrorName } from "@justpay/sdk";
import { Keypair, PublicKey, type TransactionInstruction } from "@solana/web3.js";
import BN from "bn.js";
import { fundedAgent, type TestAgent } from "./agents.js";
import type { Platform, SentTx } from "./platform.js";

export const DAY = 86_400n;

/** On-chain campaign parameters, with the seed API's defaults. */
export interface CampaignParams {
  reward: bigint;
  budget: bigint;
  maxPerAgent: number;
  dailyLimit: number;
  maxConcurrentClaims: number;
  reviewTimeout: number;
  claimTimeout: number;
  durationDays: number;
  autoAccept: boolean;
}

export const DEFAULT_CAMPAIGN: CampaignParams = {
  reward: 50_000n,
  budget: 10_000_000n,
  maxPerAgent: 1,
  dailyLimit: 0,
  maxConcurrentClaims: 10,
  reviewTimeout: 300,
  claimTimeout: 300,
  durationDays: 30,
  autoAccept: true,
};

/** fee = reward × 300 / 10 000, rounded down (the seed's 50 000 → 1 500). */
export const feeOf = (reward: bigint, feeBps = 300n) => (reward * feeBps) / 10_000n;

const u32le = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};

export const quotaPda = (programId: PublicKey, campaign: PublicKey, wallet: PublicKey) => {
  const [address, bump] = PublicKey.findProgramAddressSync(
    [Buffer.from("quota"), campaign.toBuffer(), wallet.toBuffer()],
    programId,
  );
  return { address, bump };
};

export const taskPda = (programId: PublicKey, quota: PublicKey, index: number) => {
  const [address, bump] = PublicKey.findProgramAddressSync(
    [Buffer.from("task"), quota.toBuffer(), u32le(index)],
    programId,
  );
  return { address, bump };
};

export const hash32 = (text: string) => [...createHash("sha256").update(text).digest()];

export type Decoded = Record<string, any>;
const big = (v: unknown) => BigInt((v as BN).toString());

export function expectOk(r: SentTx, what: string): SentTx {
  if (!r.ok) throw new Error(`${what} failed: ${r.error}\n${r.logs.join("\n")}`);
  return r;
}

/**
 * The program refused with this error. Names are the IDL's (PascalCase); the generated TS
 * types camel-case them, hence the cast.
 */
export function expectError(r: SentTx, name: string): void {
  assert.equal(r.ok, false, `expected ${name}, but the transaction succeeded`);
  assert.equal(
    r.errorCode,
    errorCode(name as ProgramErrorName),
    `expected ${name}, got ${r.errorCode}: ${r.error}\n${r.logs.join("\n")}`,
  );
}

/**
 * The runtime, not the program, refused the transaction: the system program only creates a
 * PDA whose seeds derive it, and the runtime aborts the caller before it sees an error.
 */
export function expectRuntimeRefusal(r: SentTx, pattern: RegExp): void {
  assert.equal(r.ok, false, "expected the runtime to refuse the transaction");
  assert.equal(r.errorCode, undefined, `expected a runtime error, got program error ${r.errorCode}`);
  assert.match(r.logs.join("\n"), pattern);
}

/** One claim: the task account, its claimant and its place in the claimant's quota. */
export interface TaskRef {
  address: PublicKey;
  bump: number;
  agent: TestAgent;
  quota: PublicKey;
  index: number;
  rentPayer: PublicKey;
}

export class TestCampaign {
  readonly address: PublicKey;
  readonly bump: number;
  readonly rentPayer: PublicKey;

  constructor(
    readonly p: Platform,
    readonly owner: TestAgent,
    readonly id: bigint,
    readonly params: CampaignParams,
    rentPayer?: PublicKey,
  ) {
    ({ address: this.address, bump: this.bump } = campaignPda(p.program.programId, owner.key, id));
    this.rentPayer = rentPayer ?? p.chain.payer.publicKey;
  }

  get fee(): bigint {
    return feeOf(this.params.reward);
  }
  get cost(): bigint {
    return this.params.reward + this.fee;
  }

  /** create_campaign's arguments, in the IDL's order. */
  createArgs(bump = this.bump) {
    const c = this.params;
    return [
      new BN(this.id.toString()),
      new BN(c.reward.toString()),
      new BN(c.budget.toString()),
      c.maxPerAgent,
      c.dailyLimit,
      c.maxConcurrentClaims,
      c.reviewTimeout,
      c.claimTimeout,
      c.durationDays,
      c.autoAccept,
      bump,
    ] as const;
  }

  createIx(overrides: { accounts?: Record<string, PublicKey>; bump?: number } = {}) {
    return this.p.program.methods
      .createCampaign(...this.createArgs(overrides.bump))
      .accountsPartial({
        payer: this.rentPayer,
        owner: this.owner.key,
        ownerAgent: this.owner.ledger,
        config: this.p.config,
        campaign: this.address,
        ...overrides.accounts,
      })
      .instruction();
  }

  quota(agent: TestAgent) {
    return quotaPda(this.p.program.programId, this.address, agent.key);
  }

  /** The task address the agent's next claim creates. */
  async nextTask(agent: TestAgent, rentPayer = this.p.chain.payer.publicKey): Promise<TaskRef> {
    const quota = this.quota(agent).address;
    const q = await this.quotaAt(quota);
    const index = q ? Number(q.totalClaims) : 0;
    const { address, bump } = taskPda(this.p.program.programId, quota, index);
    return { address, bump, agent, quota, index, rentPayer };
  }

  claimIx(t: TaskRef, overrides: { accounts?: Record<string, PublicKey>; taskBump?: number; quotaBump?: number } = {}) {
    return this.p.program.methods
      .claimTask(overrides.taskBump ?? t.bump, overrides.quotaBump ?? this.quota(t.agent).bump)
      .accountsPartial({
        payer: t.rentPayer,
        wallet: t.agent.key,
        operator: this.p.operator.publicKey,
        agent: t.agent.ledger,
        config: this.p.config,
        campaign: this.address,
        quota: t.quota,
        task: t.address,
        ...overrides.accounts,
      })
      .instruction();
  }

  deliverIx(t: TaskRef, output = "done", accounts: Record<string, PublicKey> = {}) {
    return this.p.program.methods
      .deliverTask(hash32(output))
      .accountsPartial({
        wallet: t.agent.key,
        campaign: this.address,
        task: t.address,
        agent: t.agent.ledger,
        config: this.p.config,
        rentPayer: t.rentPayer,
        ...accounts,
      })
      .instruction();
  }

  acceptIx(t: TaskRef, authority: PublicKey = this.owner.key, accounts: Record<string, PublicKey> = {}) {
    return this.p.program.methods
      .acceptTask()
      .accountsPartial({
        authority,
        campaign: this.address,
        task: t.address,
        agent: t.agent.ledger,
        config: this.p.config,
        rentPayer: t.rentPayer,
        ...accounts,
      })
      .instruction();
  }

  rejectIx(t: TaskRef, reason = "wrong hashtag", accounts: Record<string, PublicKey> = {}) {
    return this.p.program.methods
      .rejectTask(hash32(reason))
      .accountsPartial({
        owner: this.owner.key,
        campaign: this.address,
        task: t.address,
        ownerAgent: this.owner.ledger,
        rentPayer: t.rentPayer,
        ...accounts,
      })
      .instruction();
  }

  expireIx(t: TaskRef, accounts: Record<string, PublicKey> = {}) {
    return this.p.program.methods
      .expireTask()
      .accountsPartial({
        campaign: this.address,
        task: t.address,
        ownerAgent: this.owner.ledger,
        rentPayer: t.rentPayer,
        ...accounts,
      })
      .instruction();
  }

  topUpIx(amount: bigint, accounts: Record<string, PublicKey> = {}) {
    return this.p.program.methods
      .topUpCampaign(new BN(amount.toString()))
      .accountsPartial({
        owner: this.owner.key,
        ownerAgent: this.owner.ledger,
        config: this.p.config,
        campaign: this.address,
        ...accounts,
      })
      .instruction();
  }

  pauseIx(owner: PublicKey = this.owner.key) {
    return this.p.program.methods.pauseCampaign().accountsPartial({ owner, campaign: this.address }).instruction();
  }

  resumeIx(owner: PublicKey = this.owner.key) {
    return this.p.program.methods.resumeCampaign().accountsPartial({ owner, campaign: this.address }).instruction();
  }

  cancelIx(authority: PublicKey = this.owner.key, accounts: Record<string, PublicKey> = {}) {
    return this.p.program.methods
      .cancelCampaign()
      .accountsPartial({
        authority,
        campaign: this.address,
        ownerAgent: this.owner.ledger,
        rentPayer: this.rentPayer,
        ...accounts,
      })
      .instruction();
  }

  closeIx(accounts: Record<string, PublicKey> = {}) {
    return this.p.program.methods
      .closeCampaign()
      .accountsPartial({ campaign: this.address, rentPayer: this.rentPayer, ...accounts })
      .instruction();
  }

  closeQuotaIx(agent: TestAgent, rentPayer = this.p.chain.payer.publicKey, accounts: Record<string, PublicKey> = {}) {
    return this.p.program.methods
      .closeQuota()
      .accountsPartial({ quota: this.quota(agent).address, campaign: this.address, rentPayer, ...accounts })
      .instruction();
  }

  // --- senders that must succeed --------------------------------------------------------

  async create(signers: Keypair[] = []): Promise<SentTx> {
    const r = await this.p.send(await this.createIx(), [this.owner.wallet, ...signers]);
    expectOk(r, "create_campaign");
    this.p.track("campaign", this.address);
    return r;
  }

  /** Sends a claim; on success the task is tracked for the invariant. */
  async tryClaim(agent: TestAgent, rentPayer?: Keypair): Promise<{ task: TaskRef; r: SentTx }> {
    const task = await this.nextTask(agent, rentPayer?.publicKey);
    const signers = [agent.wallet, this.p.operator, ...(rentPayer ? [rentPayer] : [])];
    const r = await this.p.send(await this.claimIx(task), signers);
    if (r.ok) this.p.track("task", task.address);
    return { task, r };
  }

  async claim(agent: TestAgent, rentPayer?: Keypair): Promise<TaskRef> {
    const { task, r } = await this.tryClaim(agent, rentPayer);
    expectOk(r, "claim_task");
    return task;
  }

  async deliver(t: TaskRef, output = "done"): Promise<SentTx> {
    return expectOk(await this.p.send(await this.deliverIx(t, output), [t.agent.wallet]), "deliver_task");
  }

  async accept(t: TaskRef, by: Keypair = this.owner.wallet): Promise<SentTx> {
    return expectOk(await this.p.send(await this.acceptIx(t, by.publicKey), [by]), "accept_task");
  }

  async reject(t: TaskRef, reason?: string): Promise<SentTx> {
    return expectOk(await this.p.send(await this.rejectIx(t, reason), [this.owner.wallet]), "reject_task");
  }

  async expire(t: TaskRef): Promise<SentTx> {
    return expectOk(await this.p.send(await this.expireIx(t), []), "expire_task");
  }

  async topUp(amount: bigint): Promise<SentTx> {
    return expectOk(await this.p.send(await this.topUpIx(amount), [this.owner.wallet]), "top_up_campaign");
  }

  async pause(): Promise<SentTx> {
    return expectOk(await this.p.send(await this.pauseIx(), [this.owner.wallet]), "pause_campaign");
  }

  async resume(): Promise<SentTx> {
    return expectOk(await this.p.send(await this.resumeIx(), [this.owner.wallet]), "resume_campaign");
  }

  async cancel(by: Keypair = this.owner.wallet): Promise<SentTx> {
    return expectOk(await this.p.send(await this.cancelIx(by.publicKey), [by]), "cancel_campaign");
  }

  async close(): Promise<SentTx> {
    return expectOk(await this.p.send(await this.closeIx(), []), "close_campaign");
  }

  // --- reads ------------------------------------------------------------------------------

  async state(): Promise<Decoded | null> {
    return this.p.account<Decoded>("campaign", this.address);
  }

  async mustState(): Promise<Decoded> {
    const s = await this.state();
    assert.ok(s, "campaign account missing");
    return s;
  }

  async pool(): Promise<bigint> {
    return big((await this.mustState()).pool);
  }

  async status(): Promise<string> {
    return statusName((await this.mustState()).status);
  }

  async quotaState(agent: TestAgent): Promise<Decoded | null> {
    return this.quotaAt(this.quota(agent).address);
  }

  /** The quota, or null while the address is not a program account (it may hold lamports). */
  private async quotaAt(address: PublicKey): Promise<Decoded | null> {
    const a = await this.p.chain.getAccount(address);
    return a?.owner.equals(this.p.program.programId) ? this.p.account<Decoded>("campaignQuota", address) : null;
  }
}

/** Anchor decodes a unit enum as `{ variantName: {} }`. */
export const statusName = (v: unknown) => Object.keys(v as object)[0] ?? "";

export async function taskState(p: Platform, t: TaskRef): Promise<Decoded | null> {
  return p.account<Decoded>("task", t.address);
}

/** A funded owner and a created campaign. */
export async function openCampaign(
  p: Platform,
  params: Partial<CampaignParams> = {},
  opts: { owner?: TestAgent; id?: bigint; deposit?: bigint } = {},
): Promise<TestCampaign> {
  const c = { ...DEFAULT_CAMPAIGN, ...params };
  const owner = opts.owner ?? (await fundedAgent(p, opts.deposit ?? c.budget + 1_000_000n + 10_000_000n));
  const campaign = new TestCampaign(p, owner, opts.id ?? BigInt(Math.floor(Math.random() * 2 ** 48)), c);
  await campaign.create();
  return campaign;
}

/** Activated agents with an empty ledger (claimants need no balance). */
export async function claimants(p: Platform, n: number): Promise<TestAgent[]> {
  const out: TestAgent[] = [];
  for (let i = 0; i < n; i++) out.push(await fundedAgent(p, 1_000_000n));
  return out;
}

export const eventNames = (r: SentTx) => r.events.map((e) => e.name);

/** A fresh keypair with SOL, for tests that need a second rent payer or a stranger signer. */
export async function solWallet(p: Platform, lamports = 10_000_000_000n): Promise<Keypair> {
  const k = Keypair.generate();
  await p.chain.airdrop(k.publicKey, lamports);
  return k;
}

export async function warpBy(p: Platform, seconds: bigint): Promise<bigint> {
  const now = (await p.chain.now()) + seconds;
  await p.chain.warpTo(now);
  return now;
}

export type { TransactionInstruction };
