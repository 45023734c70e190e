/**
 * Jobs driven through the real instructions: creation, the provider's steps, settlement
 * and disputes. Every job created here is tracked for the vault invariant.
 */
import { createHash } from "node:crypto";
import { agentPda, jobPda, usableJobId } from "@justpay/sdk";
import { type Keypair, PublicKey, type TransactionInstruction } from "@solana/web3.js";
import BN from "bn.js";
import type { TestAgent } from "./agents.js";
import type { Platform, SentTx } from "./platform.js";

export const JOB_STATUS = ["open", "funded", "accepted", "delivered", "disputed"] as const;
export type JobStatusName = (typeof JOB_STATUS)[number];
export type DisputeRuling = "claimantWins" | "respondentWins" | "split";

export const hash32 = (text: string): number[] => [...createHash("sha256").update(text).digest()];

/** The enum variant name of a decoded Anchor enum (`{ funded: {} }` → "funded"). */
export const variant = (e: unknown): string => Object.keys(e as object)[0] ?? "";

let nextId = 1n;

export interface JobInit {
  id?: bigint;
  /** Direct job with this provider, or an open job when null. */
  provider?: TestAgent | null;
  amount?: bigint;
  /** Seconds from now. */
  applyIn?: bigint;
  deliverIn?: bigint;
  requiresAcceptance?: boolean;
  /** Absolute overrides of the deadlines. */
  applyBy?: bigint;
  deliverBy?: bigint;
}

export class TestJob {
  readonly address: PublicKey;
  readonly bump: number;
  /** Pays the job's rent and gets it back on settlement; the fee payer unless set. */
  rentPayer: Keypair;

  constructor(
    readonly p: Platform,
    readonly client: TestAgent,
    readonly id: bigint,
    public provider: TestAgent | null,
  ) {
    ({ address: this.address, bump: this.bump } = jobPda(p.program.programId, client.key, id));
    this.rentPayer = p.chain.payer;
  }

  async createIx(init: JobInit = {}, overrides: Record<string, PublicKey> = {}): Promise<TransactionInstruction> {
    const now = await this.p.chain.now();
    const open = this.provider === null;
    const applyBy = init.applyBy ?? (open ? now + (init.applyIn ?? 3_600n) : 0n);
    const deliverBy = init.deliverBy ?? now + (init.deliverIn ?? 7_200n);
    return this.p.program.methods
      .createJob(
        new BN(this.id.toString()),
        this.provider?.key ?? PublicKey.default,
        new BN((init.amount ?? 500_000n).toString()),
        new BN(applyBy.toString()),
        new BN(deliverBy.toString()),
        init.requiresAcceptance ?? false,
        this.bump,
      )
      .accountsPartial({
        payer: this.rentPayer.publicKey,
        client: this.client.key,
        operator: this.p.operator.publicKey,
        clientAgent: this.client.ledger,
        config: this.p.config,
        job: this.address,
        // An open job names no provider, so it has no ledger to show; the program ignores
        // the account then, and the program id stands in for it (Anchor's "none").
        providerAgent: this.provider?.ledger ?? this.p.program.programId,
        ...overrides,
      })
      .instruction();
  }

  assignIx(provider: PublicKey, overrides: Record<string, PublicKey> = {}) {
    return this.p.program.methods
      .assignProvider(provider)
      .accountsPartial({
        client: this.client.key,
        job: this.address,
        providerAgent: agentPda(this.p.program.programId, provider).address,
        ...overrides,
      })
      .instruction();
  }

  acceptIx(overrides: Record<string, PublicKey> = {}) {
    return this.p.program.methods
      .acceptJob()
      .accountsPartial({ provider: this.provider?.key ?? PublicKey.default, job: this.address, ...overrides })
      .instruction();
  }

  deliverIx(outputHash: number[] = hash32(`output of ${this.id}`), overrides: Record<string, PublicKey> = {}) {
    return this.p.program.methods
      .markDelivered(outputHash)
      .accountsPartial({
        provider: this.provider?.key ?? PublicKey.default,
        job: this.address,
        config: this.p.config,
        ...overrides,
      })
      .instruction();
  }

  releaseIx(authority: PublicKey = this.client.key, overrides: Record<string, PublicKey> = {}) {
    return this.p.program.methods
      .release()
      .accountsPartial({
        authority,
        job: this.address,
        providerAgent: this.provider?.ledger ?? this.client.ledger,
        config: this.p.config,
        rentPayer: this.rentPayer.publicKey,
        ...overrides,
      })
      .instruction();
  }

  refundIx(authority: PublicKey = this.client.key, overrides: Record<string, PublicKey> = {}) {
    return this.p.program.methods
      .refund()
      .accountsPartial({
        authority,
        job: this.address,
        clientAgent: this.client.ledger,
        rentPayer: this.rentPayer.publicKey,
        ...overrides,
      })
      .instruction();
  }

  openDisputeIx(claimant: TestAgent, reason = "quality", overrides: Record<string, PublicKey> = {}) {
    return this.p.program.methods
      .openDispute(hash32(reason))
      .accountsPartial({
        claimant: claimant.key,
        operator: this.p.operator.publicKey,
        claimantAgent: claimant.ledger,
        job: this.address,
        config: this.p.config,
        ...overrides,
      })
      .instruction();
  }

  resolveIx(ruling: DisputeRuling, overrides: Record<string, PublicKey> = {}) {
    return this.p.program.methods
      .resolveDispute({ [ruling]: {} } as any)
      .accountsPartial({
        arbiter: this.p.arbiter.publicKey,
        job: this.address,
        clientAgent: this.client.ledger,
        providerAgent: this.provider?.ledger ?? this.client.ledger,
        config: this.p.config,
        rentPayer: this.rentPayer.publicKey,
        ...overrides,
      })
      .instruction();
  }

  async state(): Promise<Record<string, any> | null> {
    return this.p.account<Record<string, any>>("job", this.address);
  }

  async status(): Promise<JobStatusName | "closed"> {
    const s = await this.state();
    return s ? (variant(s.status) as JobStatusName) : "closed";
  }

  // Senders that expect success.
  /** Signers of create_job besides the fee payer. */
  get createSigners(): Keypair[] {
    const signers = [this.client.wallet, this.p.operator];
    return this.rentPayer === this.p.chain.payer ? signers : [...signers, this.rentPayer];
  }
  async create(init: JobInit = {}): Promise<SentTx> {
    return this.ok(await this.p.send(await this.createIx(init), this.createSigners), "create_job");
  }
  async assign(provider: TestAgent): Promise<SentTx> {
    const r = this.ok(await this.p.send(await this.assignIx(provider.key), [this.client.wallet]), "assign_provider");
    this.provider = provider;
    return r;
  }
  async accept(): Promise<SentTx> {
    return this.ok(await this.p.send(await this.acceptIx(), [this.provider!.wallet]), "accept_job");
  }
  async deliver(outputHash?: number[]): Promise<SentTx> {
    return this.ok(await this.p.send(await this.deliverIx(outputHash), [this.provider!.wallet]), "mark_delivered");
  }
  async release(by: Keypair = this.client.wallet): Promise<SentTx> {
    return this.ok(await this.p.send(await this.releaseIx(by.publicKey), [by]), "release");
  }
  async refund(by: Keypair = this.client.wallet): Promise<SentTx> {
    return this.ok(await this.p.send(await this.refundIx(by.publicKey), [by]), "refund");
  }
  async dispute(claimant: TestAgent, reason?: string): Promise<SentTx> {
    return this.ok(
      await this.p.send(await this.openDisputeIx(claimant, reason), [claimant.wallet, this.p.operator]),
      "open_dispute",
    );
  }
  async resolve(ruling: DisputeRuling): Promise<SentTx> {
    return this.ok(await this.p.send(await this.resolveIx(ruling), [this.p.arbiter]), "resolve_dispute");
  }

  private ok(r: SentTx, what: string): SentTx {
    if (!r.ok) throw new Error(`${what} failed: ${r.error}\n${r.logs.join("\n")}`);
    return r;
  }
}

/**
 * A new job object (not yet created on chain), tracked for the invariant. Without an `id`
 * it takes the next one the program accepts for this client (see `usableJobId`).
 */
export function newJob(p: Platform, client: TestAgent, provider: TestAgent | null, id?: bigint): TestJob {
  if (id === undefined) {
    id = usableJobId(p.program.programId, client.key, nextId);
    nextId = id + 1n;
  }
  const job = new TestJob(p, client, id, provider);
  p.track("job", job.address);
  return job;
}

/** A created job: direct (Accepted unless `requiresAcceptance`) when a provider is given, else open. */
export async function createdJob(
  p: Platform,
  client: TestAgent,
  provider: TestAgent | null,
  init: JobInit = {},
): Promise<TestJob> {
  const job = newJob(p, client, provider, init.id);
  await job.create(init);
  return job;
}

/** A job delivered by its provider, in review. */
export async function deliveredJob(p: Platform, client: TestAgent, provider: TestAgent, init: JobInit = {}) {
  const job = await createdJob(p, client, provider, init);
  await job.deliver();
  return job;
}

/** A delivered job disputed by `claimant`. */
export async function disputedJob(p: Platform, client: TestAgent, provider: TestAgent, claimant: TestAgent) {
  const job = await deliveredJob(p, client, provider);
  await job.dispute(claimant);
  return job;
}

/** Platform fee of an amount at the default 300 bps. */
export const feeOf = (amount: bigint, bps = 300n) => (amount * bps) / 10_000n;
/** Dispute fee at the defaults: 5 % clamped to [0.1, 5] USDC. */
export const disputeFeeOf = (amount: bigint) => {
  const fee = (amount * 500n) / 10_000n;
  return fee < 100_000n ? 100_000n : fee > 5_000_000n ? 5_000_000n : fee;
};
