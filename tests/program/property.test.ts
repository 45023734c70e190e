/**
 * Random operation sequences over several agents, checked against a model of the ledgers.
 * Three agents start funded; a fourth is only registered, so deposits can activate it and
 * set or miss its emergency address, and it can pin one; a fifth wallet never registers,
 * so jobs that name it must be refused. Deposits come from the owner, from strangers and
 * (claimed) from the config or the vault; jobs range over amounts below the minimum and
 * deadlines beyond the 30-day horizon.
 *
 * After every step: the transaction succeeded exactly when the model says it should, every
 * ledger and the accrued fees equal the model's, the vault equals the sum of everything it
 * backs (the invariant), and no USDC was created or destroyed.
 *
 * FC_SEED=<n> replays a failing run; FC_RUNS=<n> changes the number of sequences.
 */
import assert from "node:assert/strict";
import { Keypair, PublicKey } from "@solana/web3.js";
import fc from "fast-check";
import { feesAccrued } from "../support/admin.js";
import { fundedAgent, TestAgent } from "../support/agents.js";
import type { Attempt } from "../support/attempts.js";
import { assertMoneyInvariants } from "../support/invariant.js";
import { type DisputeRuling, disputeFeeOf, feeOf, newJob, type TestJob } from "../support/jobs.js";
import { Platform, RUNTIMES } from "../support/platform.js";
import {
  emergencyAccount,
  externalUsdcAccount,
  panicIx,
  pinEmergencyAddressIx,
  setWithdrawalAddressIx,
  withdrawIx,
} from "../support/wallet.js";

/** Registered agents; index AGENTS is a wallet that never registered. */
const AGENTS = 4;
const UNREGISTERED = AGENTS;
const USDC = 1_000_000n;
const ACTIVATION_FEE = USDC;
const MIN_JOB_AMOUNT = 1_000n;
const HORIZON = 30n * 86_400n;
/** Who a deposit says the funds came from, and what a pin names. */
const SOURCES = ["personal", "stranger", "config", "vault"] as const;
const PIN_TARGETS = ["recovery", "zero", "config", "vault"] as const;
type Source = (typeof SOURCES)[number];
type PinTarget = (typeof PIN_TARGETS)[number];
const RUNS = Number(process.env.FC_RUNS ?? 50);
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
/** Outcomes per operation kind; FC_STATS=1 prints them, to see what the runs exercised. */
const STATS = new Map<string, number>();

type Op =
  | { kind: "deposit"; agent: number; amount: bigint; from: Source }
  | { kind: "pin"; agent: number; target: PinTarget }
  | { kind: "setAddress"; agent: number; address: number }
  | { kind: "withdraw"; agent: number; amount: bigint }
  | { kind: "panic"; agent: number }
  | {
      kind: "create";
      client: number;
      provider: number | null;
      amount: bigint;
      requiresAcceptance: boolean;
      deliverIn: bigint;
      applyIn: bigint;
    }
  | { kind: "assign"; job: number; provider: number }
  | { kind: "accept"; job: number; actor: Role }
  | { kind: "deliver"; job: number; actor: Role }
  | { kind: "release"; job: number; byClient: boolean }
  | { kind: "refund"; job: number; byClient: boolean }
  | { kind: "dispute"; job: number; actor: Role }
  | { kind: "resolve"; job: number; ruling: DisputeRuling }
  | { kind: "warp"; seconds: bigint }
  /** The job's next natural step, by the right party (`choice` picks among several). */
  | { kind: "advance"; job: number; choice: number };

/** Who acts on a job, relative to it: mostly the right party, sometimes not. */
type Role = "client" | "provider" | "stranger";
const agent = fc.nat(AGENTS - 1);
/** Counted back from the newest job, so most operations hit jobs that are still alive. */
const job = fc.oneof({ weight: 4, arbitrary: fc.nat(2) }, { weight: 1, arbitrary: fc.nat(15) });
const role = (weights: [number, number, number]) =>
  fc.oneof(
    { weight: weights[0], arbitrary: fc.constant<Role>("client") },
    { weight: weights[1], arbitrary: fc.constant<Role>("provider") },
    { weight: weights[2], arbitrary: fc.constant<Role>("stranger") },
  );
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant("advance" as const), job, choice: fc.nat(5) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("deposit" as const),
      agent,
      amount: fc.oneof(fc.bigInt(1n, 20n * USDC), fc.constantFrom(1n, ACTIVATION_FEE - 1n, ACTIVATION_FEE)),
      from: fc.oneof(
        { weight: 4, arbitrary: fc.constant<Source>("personal") },
        { weight: 2, arbitrary: fc.constant<Source>("stranger") },
        { weight: 1, arbitrary: fc.constantFrom<Source>("config", "vault") },
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("pin" as const),
      // Mostly the agent that has not deposited yet, the only one a pin can succeed for.
      agent: fc.oneof({ weight: 3, arbitrary: fc.constant(AGENTS - 1) }, { weight: 1, arbitrary: agent }),
      target: fc.oneof(
        { weight: 3, arbitrary: fc.constant<PinTarget>("recovery") },
        { weight: 1, arbitrary: fc.constantFrom<PinTarget>("zero", "config", "vault") },
      ),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("setAddress" as const), agent, address: fc.nat(1) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("withdraw" as const),
      agent,
      amount: fc.oneof(fc.bigInt(4n * USDC, 12n * USDC), fc.constantFrom(5n * USDC, 60n * USDC)),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("panic" as const), agent }) },
  {
    weight: 5,
    arbitrary: fc
      .record({
        client: agent,
        // Mostly another agent; sometimes nobody (an open job), the client itself, or a
        // wallet without a ledger.
        other: fc.oneof(
          { weight: 6, arbitrary: fc.constantFrom<number | "unregistered" | null>(1, 2, 3) },
          { weight: 3, arbitrary: fc.constant<number | "unregistered" | null>(null) },
          { weight: 1, arbitrary: fc.constantFrom<number | "unregistered" | null>(0, "unregistered") },
        ),
        amount: fc.oneof(fc.bigInt(1n, 3n * USDC), fc.constantFrom(MIN_JOB_AMOUNT - 1n, MIN_JOB_AMOUNT, 30n * USDC)),
        requiresAcceptance: fc.boolean(),
        deliverIn: fc.constantFrom(60n, 600n, 7_200n, 86_400n, HORIZON - 3_600n, HORIZON, HORIZON + 1n),
        applyIn: fc.constantFrom(30n, 300n, 3_600n),
      })
      .map(({ client, other, ...rest }) => ({
        kind: "create" as const,
        client,
        provider: other === null ? null : other === "unregistered" ? UNREGISTERED : (client + other) % AGENTS,
        ...rest,
      })),
  },

  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant("assign" as const), job, provider: fc.nat(UNREGISTERED) }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("accept" as const), job, actor: role([1, 6, 1]) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("deliver" as const), job, actor: role([1, 6, 1]) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("release" as const), job, byClient: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("refund" as const), job, byClient: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("dispute" as const), job, actor: role([3, 3, 1]) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("resolve" as const),
      job,
      ruling: fc.constantFrom<DisputeRuling>("claimantWins", "respondentWins", "split"),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("warp" as const),
      seconds: fc.constantFrom(1n, 61n, 301n, 3_601n, 86_401n),
    }),
  },
);

type JobOp = Exclude<
  Op,
  { kind: "deposit" | "pin" | "setAddress" | "withdraw" | "panic" | "create" | "warp" | "advance" }
>;

type Status = "open" | "funded" | "accepted" | "delivered" | "disputed" | "closed";

interface ModelAgent {
  available: bigint;
  address: PublicKey | null;
  cooldownUntil: bigint;
  totalDeposited: bigint;
  activated: boolean;
  emergency: PublicKey | null;
  /** The address this agent pins when a `pin` op names "recovery". */
  recovery: PublicKey;
}

interface ModelJob {
  handle: TestJob;
  client: number;
  provider: number | null;
  amount: bigint;
  fee: bigint;
  status: Status;
  applyBy: bigint;
  deliverBy: bigint;
  reviewBy: bigint;
  claimant: "client" | "provider" | null;
}

class World {
  readonly model: ModelAgent[] = [];
  readonly jobs: ModelJob[] = [];
  fees = 0n;
  /** Two candidate withdrawal addresses per agent, with their token accounts. */
  readonly addresses: { owner: PublicKey; account: PublicKey }[][] = [];

  constructor(
    readonly p: Platform,
    readonly agents: TestAgent[],
  ) {}

  static async start(runtime: (typeof RUNTIMES)[number]): Promise<World> {
    const p = await Platform.start(runtime.start);
    await p.initializeConfig();
    const agents: TestAgent[] = [];
    const FUNDED = AGENTS - 1;
    for (let i = 0; i < FUNDED; i++) agents.push(await fundedAgent(p, 30n * USDC));
    agents.push(await fundedAgent(p, 0n)); // registered, never deposited
    agents.push(new TestAgent(p)); // never registered
    const w = new World(p, agents);
    for (const [i, a] of agents.slice(0, AGENTS).entries()) {
      const funded = i < FUNDED;
      w.model.push({
        available: funded ? 30n * USDC - ACTIVATION_FEE : 0n,
        address: null,
        cooldownUntil: 0n,
        totalDeposited: funded ? 30n * USDC : 0n,
        activated: funded,
        emergency: funded ? a.personal.publicKey : null,
        recovery: Keypair.generate().publicKey,
      });
      const pair = [];
      for (let k = 0; k < 2; k++) {
        const owner = Keypair.generate().publicKey;
        pair.push({ owner, account: await externalUsdcAccount(p, owner) });
      }
      w.addresses.push(pair);
      await emergencyAccount(a);
    }
    w.fees = BigInt(FUNDED) * ACTIVATION_FEE;
    return w;
  }

  /** The key a deposit source or a pin target stands for. */
  private keyOf(choice: Source | PinTarget, agent: number): PublicKey {
    const { p } = this;
    switch (choice) {
      case "personal":
        return this.agents[agent]!.personal.publicKey;
      case "stranger":
        return this.stranger;
      case "recovery":
        return this.model[agent]!.recovery;
      case "zero":
        return PublicKey.default;
      case "config":
        return p.config;
      case "vault":
        return p.vault;
    }
  }

  /** Somebody who sends agents USDC before they do. */
  readonly stranger = Keypair.generate().publicKey;

  /** Runs one operation: the model decides whether it must succeed and what it changes. */
  async step(op: Op): Promise<void> {
    const { p } = this;
    const now = await p.chain.now();
    let attempt: Attempt | null = null;
    let label: string = op.kind;
    let expectOk = false;
    let apply = () => {};

    switch (op.kind) {
      case "warp":
        await p.chain.warpTo(now + op.seconds);
        return;
      case "deposit": {
        const a = this.agents[op.agent]!;
        const m = this.model[op.agent]!;
        const source = this.keyOf(op.from, op.agent);
        await a.fundWallet(op.amount);
        attempt = { ix: await a.depositIx(op.amount, source), signers: [a.wallet, p.operator] };
        // Only a deposit of at least the activation fee sets a missing emergency address,
        // and never to the config or the vault.
        const sets = m.emergency === null && op.amount >= ACTIVATION_FEE;
        expectOk = !(sets && (op.from === "config" || op.from === "vault"));
        apply = () => {
          if (sets) m.emergency = source;
          m.totalDeposited += op.amount;
          m.available += op.amount;
          if (!m.activated && m.totalDeposited >= ACTIVATION_FEE && m.available >= ACTIVATION_FEE) {
            m.available -= ACTIVATION_FEE;
            this.fees += ACTIVATION_FEE;
            m.activated = true;
          }
        };
        break;
      }
      case "pin": {
        const a = this.agents[op.agent]!;
        const m = this.model[op.agent]!;
        const target = this.keyOf(op.target, op.agent);
        attempt = { ix: await pinEmergencyAddressIx(a, target), signers: [a.wallet] };
        expectOk = m.totalDeposited === 0n && m.emergency === null && op.target === "recovery";
        apply = () => {
          m.emergency = target;
        };
        break;
      }
      case "setAddress": {
        const a = this.agents[op.agent]!;
        const m = this.model[op.agent]!;
        const target = this.addresses[op.agent]![op.address]!.owner;
        attempt = { ix: await setWithdrawalAddressIx(a, target), signers: [a.wallet] };
        expectOk = true;
        apply = () => {
          if (m.address?.equals(target)) return;
          if (m.address) m.cooldownUntil = now + 86_400n;
          m.address = target;
        };
        break;
      }
      case "withdraw": {
        const a = this.agents[op.agent]!;
        const m = this.model[op.agent]!;
        const current = this.addresses[op.agent]!.find((x) => m.address?.equals(x.owner));
        const destination = current?.account ?? this.addresses[op.agent]![0]!.account;
        attempt = { ix: await withdrawIx(a, op.amount, destination), signers: [a.wallet] };
        expectOk =
          m.address !== null &&
          !(m.cooldownUntil !== 0n && now < m.cooldownUntil) &&
          op.amount >= 5n * USDC &&
          op.amount <= m.available;
        apply = () => {
          m.available -= op.amount;
          this.fees += 100_000n;
        };
        break;
      }
      case "panic": {
        const a = this.agents[op.agent]!;
        const m = this.model[op.agent]!;
        const to = await externalUsdcAccount(p, m.emergency ?? a.personal.publicKey);
        attempt = { ix: await panicIx(a, to), signers: [a.wallet] };
        expectOk = m.emergency !== null && m.available > 0n;
        apply = () => {
          m.available = 0n;
        };
        break;
      }
      case "create": {
        const client = this.agents[op.client]!;
        const provider = op.provider === null ? null : this.agents[op.provider]!;
        const handle = newJob(p, client, provider);
        const fee = feeOf(op.amount);
        const open = provider === null;
        const applyBy = open ? now + op.applyIn : 0n;
        const deliverBy = open ? applyBy + op.deliverIn : now + op.deliverIn;
        attempt = {
          ix: await handle.createIx({
            amount: op.amount,
            requiresAcceptance: op.requiresAcceptance,
            applyBy,
            deliverBy,
          }),
          signers: handle.createSigners,
        };
        const m = this.model[op.client]!;
        expectOk =
          op.provider !== op.client &&
          op.provider !== UNREGISTERED &&
          m.activated &&
          op.amount >= MIN_JOB_AMOUNT &&
          deliverBy <= now + HORIZON &&
          op.amount + fee <= m.available;
        apply = () => {
          m.available -= op.amount + fee;
          this.jobs.push({
            handle,
            client: op.client,
            provider: op.provider,
            amount: op.amount,
            fee,
            status: open ? "open" : op.requiresAcceptance ? "funded" : "accepted",
            applyBy,
            deliverBy,
            reviewBy: 0n,
            claimant: null,
          });
        };
        break;
      }
      default: {
        // Jobs are picked among those created so far, closed ones included.
        const j = this.jobs[this.jobs.length - 1 - (op.job % Math.max(this.jobs.length, 1))];
        if (!j) return; // no job yet: nothing to try
        const next = op.kind === "advance" ? this.nextStep(j, op.choice) : op;
        if (!next) return; // a settled job has no next step
        if (op.kind === "advance") label = `advance: ${next.kind}`;
        ({ attempt, expectOk, apply } = await this.jobStep(next, j, now));
      }
    }

    const r = await p.send(attempt!.ix, attempt!.signers);
    assert.equal(
      r.ok,
      expectOk,
      `${JSON.stringify(op, (_, v) => (typeof v === "bigint" ? v.toString() : v))}: expected ${
        expectOk ? "success" : "refusal"
      }, got ${r.ok ? "success" : r.error}\n${r.logs.join("\n")}`,
    );
    if (r.ok) apply();
    const key = `${label} ${r.ok ? "ok" : "refused"}`;
    STATS.set(key, (STATS.get(key) ?? 0) + 1);
  }

  /** What the right party would do next with this job. */
  private nextStep(j: ModelJob, choice: number): JobOp | null {
    const job = 0; // unused by jobStep: the job is passed directly
    switch (j.status) {
      case "open":
        return { kind: "assign", job, provider: (j.client + 1 + (choice % 2)) % AGENTS };
      case "funded":
        return { kind: "accept", job, actor: "provider" };
      case "accepted":
        return choice === 5 ? { kind: "refund", job, byClient: true } : { kind: "deliver", job, actor: "provider" };
      case "delivered":
        return [
          { kind: "release", job, byClient: true } as const,
          { kind: "release", job, byClient: false } as const,
          { kind: "dispute", job, actor: "client" } as const,
          { kind: "dispute", job, actor: "provider" } as const,
        ][choice % 4]!;
      case "disputed":
        return { kind: "resolve", job, ruling: (["claimantWins", "respondentWins", "split"] as const)[choice % 3]! };
      case "closed":
        return null;
    }
  }

  private async jobStep(
    op: JobOp,
    j: ModelJob,
    now: bigint,
  ): Promise<{ attempt: Attempt; expectOk: boolean; apply: () => void }> {
    const { p } = this;
    const h = j.handle;
    const client = this.model[j.client]!;
    const crank = p.chain.payer;
    const actorOf = (r: Role): number =>
      r === "client"
        ? j.client
        : r === "provider" && j.provider !== null
          ? j.provider
          : [0, 1, 2].find((i) => i !== j.client && i !== j.provider)!;
    switch (op.kind) {
      case "assign": {
        const provider = this.agents[op.provider]!;
        return {
          attempt: { ix: await h.assignIx(provider.key), signers: [h.client.wallet] },
          expectOk: j.status === "open" && op.provider !== j.client && op.provider !== UNREGISTERED && now <= j.applyBy,
          apply: () => {
            j.status = "accepted";
            j.provider = op.provider;
            h.provider = provider;
          },
        };
      }
      case "accept": {
        const who = actorOf(op.actor);
        const actor = this.agents[who]!;
        return {
          attempt: { ix: await h.acceptIx({ provider: actor.key }), signers: [actor.wallet] },
          expectOk: j.status === "funded" && j.provider === who && now <= j.deliverBy,
          apply: () => {
            j.status = "accepted";
          },
        };
      }
      case "deliver": {
        const who = actorOf(op.actor);
        const actor = this.agents[who]!;
        return {
          attempt: { ix: await h.deliverIx(undefined, { provider: actor.key }), signers: [actor.wallet] },
          expectOk: j.status === "accepted" && j.provider === who && now <= j.deliverBy,
          apply: () => {
            j.status = "delivered";
            j.reviewBy = now + 300n;
          },
        };
      }
      case "release": {
        const by = op.byClient ? h.client.wallet : crank;
        return {
          attempt: { ix: await h.releaseIx(by.publicKey), signers: [by] },
          expectOk: j.status === "delivered" && (op.byClient || now > j.reviewBy),
          apply: () => {
            this.model[j.provider!]!.available += j.amount;
            this.fees += j.fee;
            j.status = "closed";
          },
        };
      }
      case "refund": {
        const by = op.byClient ? h.client.wallet : crank;
        const undelivered = j.status === "open" || j.status === "funded" || j.status === "accepted";
        const deadline = j.status === "open" ? j.applyBy : j.deliverBy;
        return {
          attempt: { ix: await h.refundIx(by.publicKey), signers: [by] },
          expectOk: undelivered && (op.byClient || now > deadline),
          apply: () => {
            client.available += j.amount + j.fee;
            j.status = "closed";
          },
        };
      }
      case "dispute": {
        const who = actorOf(op.actor);
        const actor = this.agents[who]!;
        const side = who === j.client ? "client" : who === j.provider ? "provider" : null;
        const fee = disputeFeeOf(j.amount);
        const payer = this.model[who]!;
        return {
          attempt: { ix: await h.openDisputeIx(actor), signers: [actor.wallet, p.operator] },
          expectOk: side !== null && j.status === "delivered" && now <= j.reviewBy && payer.available >= fee,
          apply: () => {
            payer.available -= fee;
            this.fees += fee;
            j.status = "disputed";
            j.claimant = side;
          },
        };
      }
      case "resolve": {
        return {
          attempt: { ix: await h.resolveIx(op.ruling), signers: [p.arbiter] },
          expectOk: j.status === "disputed",
          apply: () => {
            const provider = this.model[j.provider!]!;
            if (op.ruling === "split") {
              const toProvider = j.amount / 2n;
              const toPlatform = j.fee / 2n;
              provider.available += toProvider;
              this.fees += toPlatform;
              client.available += j.amount + j.fee - toProvider - toPlatform;
            } else {
              const clientWins = (op.ruling === "claimantWins") === (j.claimant === "client");
              if (clientWins) client.available += j.amount + j.fee;
              else {
                provider.available += j.amount;
                this.fees += j.fee;
              }
            }
            j.status = "closed";
          },
        };
      }
    }
  }

  /** The chain agrees with the model, and the money invariants hold. */
  async check(): Promise<void> {
    for (let i = 0; i < AGENTS; i++) {
      const ledger = await this.agents[i]!.ledgerState();
      const m = this.model[i]!;
      assert.equal(BigInt(ledger.available.toString()), m.available, `agent ${i} available`);
      assert.equal(ledger.activated, m.activated ? 1 : 0, `agent ${i} activated`);
      assert.ok(
        (ledger.emergencyAddress as PublicKey).equals(m.emergency ?? PublicKey.default),
        `agent ${i} emergency address`,
      );
    }
    assert.equal(await feesAccrued(this.p), this.fees, "fees accrued");
    for (const j of this.jobs) {
      const status = await j.handle.status();
      assert.equal(status, j.status, `job ${j.handle.id} status`);
    }
    await assertMoneyInvariants(this.p);
  }
}

for (const runtime of RUNTIMES) {
  describe(`random operation sequences [${runtime.name}]`, () => {
    it("keep every ledger equal to the model, the vault invariant and total USDC", async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(opArb, { minLength: 10, maxLength: 45 }), async (ops) => {
          const w = await World.start(runtime);
          for (const op of ops) {
            await w.step(op);
            await w.check();
          }
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: false },
      );
      if (process.env.FC_STATS) console.log(Object.fromEntries([...STATS].sort()));
    }).timeout(180_000);
  });
}
