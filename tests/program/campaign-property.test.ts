/**
 * Random sequences of campaign operations (claims, deliveries, accepts, rejects, expiries,
 * top-ups, pauses, cancels, closes and clock warps) against two campaigns, plus any that the
 * sequence creates, and a handful of agents. Creations try durations at and beyond the
 * 1–365-day bounds (so `ends_at` is at most a year ahead) and non-canonical bumps; each must
 * get exactly the answer the rules give. Whatever succeeds or fails, after every step:
 *  - the vault invariant holds and no USDC was created or destroyed;
 *  - a refused transaction changed no balance;
 *  - each campaign's money is accounted for: what the owner put in (budget + top-ups) equals
 *    its pool + what its live tasks lock + what it paid out (rewards and fees) + what it
 *    returned to the owner.
 */
import assert from "node:assert/strict";
import { errorCode } from "@justpay/sdk";
import type { Keypair } from "@solana/web3.js";
import fc from "fast-check";
import type { TestAgent } from "../support/agents.js";
import {
  claimants,
  DEFAULT_CAMPAIGN,
  openCampaign,
  solWallet,
  type TaskRef,
  TestCampaign,
  taskState,
} from "../support/campaigns.js";
import { assertMoneyInvariants, type VaultSnapshot } from "../support/invariant.js";
import { addressAt, validBumpBelow } from "../support/pdas.js";
import { Platform, RUNTIMES, type SentTx } from "../support/platform.js";

type Op =
  | { kind: "claim"; campaign: number; agent: number }
  | { kind: "deliver"; task: number }
  | { kind: "accept"; task: number; byOwner: boolean }
  | { kind: "reject"; task: number }
  | { kind: "expire"; task: number }
  | { kind: "topUp"; campaign: number; amount: bigint }
  | { kind: "pause"; campaign: number }
  | { kind: "resume"; campaign: number }
  | { kind: "cancel"; campaign: number; byOwner: boolean }
  | { kind: "close"; campaign: number }
  | { kind: "warp"; seconds: bigint }
  | { kind: "warpToDeadline"; task: number }
  | { kind: "create"; durationDays: number; lowerBump: boolean };

const AGENTS = 4;
const DAY = 86_400n;
const idx = fc.nat({ max: 7 });
/** Picks among the campaigns alive in the run (two at the start, more once created). */
const campaignIdx = fc.nat({ max: 3 });
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("claim" as const),
      campaign: campaignIdx,
      agent: fc.nat({ max: AGENTS - 1 }),
    }),
  },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("deliver" as const), task: idx }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("accept" as const), task: idx, byOwner: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("reject" as const), task: idx }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("expire" as const), task: idx }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("topUp" as const),
      campaign: campaignIdx,
      amount: fc.constantFrom(0n, 1n, 30_900n, 51_500n),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("pause" as const), campaign: campaignIdx }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("resume" as const), campaign: campaignIdx }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("cancel" as const), campaign: campaignIdx, byOwner: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("close" as const), campaign: campaignIdx }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("warp" as const),
      seconds: fc.constantFrom(1n, 59n, 60n, 120n, 3_600n, 86_400n),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("warpToDeadline" as const), task: idx }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("create" as const),
      durationDays: fc.constantFrom(0, 1, 30, 365, 366, 65_535),
      lowerBump: fc.boolean(),
    }),
  },
);

/** Per-campaign ledger of what went in and out, from the program's own events. */
interface Books {
  campaign: TestCampaign;
  funded: bigint;
  out: bigint;
}

const big = (v: unknown) => BigInt(String(v));

for (const runtime of RUNTIMES) {
  describe(`campaign properties [${runtime.name}]`, () => {
    it("random operation sequences keep every USDC accounted for", async function () {
      this.timeout(600_000);
      const started = Date.now();
      let steps = 0;
      let succeeded = 0;
      const byKind = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(fc.array(op, { minLength: 10, maxLength: 40 }), async (ops) => {
          const p = await Platform.start(runtime.start);
          await p.initializeConfig();
          const agents = await claimants(p, AGENTS);
          const stranger = await solWallet(p);
          // Small pools (2 and 2.5 tasks), one auto-accepting, one reviewed, short timeouts.
          const campaigns = [
            await openCampaign(p, {
              budget: 154_500n,
              maxPerAgent: 3,
              dailyLimit: 2,
              maxConcurrentClaims: 2,
              claimTimeout: 60,
            }),
            await openCampaign(p, {
              reward: 20_000n,
              budget: 51_500n,
              maxPerAgent: 0,
              autoAccept: false,
              reviewTimeout: 60,
              claimTimeout: 120,
              durationDays: 1,
            }),
          ];
          const books: Books[] = campaigns.map((c) => ({ campaign: c, funded: c.params.budget, out: 0n }));
          const tasks: { ref: TaskRef; campaign: number }[] = [];
          let createdIds = 0;
          let snapshot = await assertMoneyInvariants(p);

          for (const o of ops) {
            const r = await apply(o);
            steps++;
            if (r?.ok) {
              succeeded++;
              for (const e of r.events) byKind.set(e.name, (byKind.get(e.name) ?? 0) + 1);
            }
            if (r?.ok) record(o, r);
            const after = await assertMoneyInvariants(p);
            if (r && !r.ok) assertUnchanged(snapshot, after, o, r);
            snapshot = after;
            await assertBooks();
          }
          await p.chain.close();

          async function apply(o: Op): Promise<SentTx | undefined> {
            const task = "task" in o ? tasks[o.task % Math.max(tasks.length, 1)] : undefined;
            const tc = task ? campaigns[task.campaign]! : undefined;
            const ci = "campaign" in o ? o.campaign % campaigns.length : 0;
            switch (o.kind) {
              case "claim": {
                const c = campaigns[ci]!;
                const { task: ref, r } = await c.tryClaim(agents[o.agent] as TestAgent);
                if (r.ok) tasks.push({ ref, campaign: ci });
                return r;
              }
              case "create":
                return create(o);
              case "deliver":
                return task && p.send(await tc!.deliverIx(task.ref), [task.ref.agent.wallet]);
              case "accept": {
                if (!task) return;
                const by: Keypair = o.byOwner ? tc!.owner.wallet : stranger;
                return p.send(await tc!.acceptIx(task.ref, by.publicKey), [by]);
              }
              case "reject":
                return task && p.send(await tc!.rejectIx(task.ref), [tc!.owner.wallet]);
              case "expire":
                return task && p.send(await tc!.expireIx(task.ref), []);
              case "topUp": {
                const c = campaigns[ci]!;
                return p.send(await c.topUpIx(o.amount), [c.owner.wallet]);
              }
              case "pause":
                return p.send(await campaigns[ci]!.pauseIx(), [campaigns[ci]!.owner.wallet]);
              case "resume":
                return p.send(await campaigns[ci]!.resumeIx(), [campaigns[ci]!.owner.wallet]);
              case "cancel": {
                const c = campaigns[ci]!;
                const by = o.byOwner ? c.owner.wallet : stranger;
                return p.send(await c.cancelIx(by.publicKey), [by]);
              }
              case "close":
                return p.send(await campaigns[ci]!.closeIx(), []);
              case "warp":
                await p.chain.warpTo((await p.chain.now()) + o.seconds);
                return;
              case "warpToDeadline": {
                const t = task && (await taskState(p, task.ref));
                if (!t) return;
                const deadline = big(t.reviewBy) > 0n ? big(t.reviewBy) : big(t.expiresAt);
                if (deadline > (await p.chain.now())) await p.chain.warpTo(deadline);
                return;
              }
            }
          }

          /**
           * A new campaign of the first owner, at the canonical bump or a lower valid one: the
           * program must refuse an out-of-range duration, then a non-canonical bump, and
           * otherwise end it exactly `durationDays` from now.
           */
          async function create(o: Extract<Op, { kind: "create" }>): Promise<SentTx> {
            const owner = campaigns[0]!.owner;
            const c = new TestCampaign(p, owner, BigInt(++createdIds), {
              ...DEFAULT_CAMPAIGN,
              reward: 20_000n,
              budget: 51_500n,
              durationDays: o.durationDays,
            });
            const idLe = Buffer.alloc(8);
            idLe.writeBigUInt64LE(c.id);
            const seeds = [Buffer.from("campaign"), owner.key.toBuffer(), idLe];
            const lower = o.lowerBump ? validBumpBelow(seeds, c.bump, p.program.programId) : -1;
            const at = lower >= 0 ? addressAt(seeds, lower, p.program.programId)! : c.address;
            const ix = await c.createIx({ accounts: { campaign: at }, bump: lower >= 0 ? lower : c.bump });
            const now = await p.chain.now();
            const r = await p.send(ix, [owner.wallet]);
            const expected =
              o.durationDays < 1 || o.durationDays > 365
                ? "InvalidCampaignParams"
                : lower >= 0
                  ? "InvalidAddress"
                  : null;
            if (expected) {
              assert.equal(r.errorCode, errorCode(expected), `create ${JSON.stringify(o)}: ${r.error}`);
              assert.equal(await p.chain.getAccount(at), null);
              return r;
            }
            assert.ok(r.ok, `create ${JSON.stringify(o)}: ${r.error}\n${r.logs.join("\n")}`);
            p.track("campaign", c.address);
            const endsAt = big((await c.mustState()).endsAt);
            assert.equal(endsAt, now + BigInt(o.durationDays) * DAY);
            assert.ok(endsAt <= now + 365n * DAY);
            campaigns.push(c);
            books.push({ campaign: c, funded: c.params.budget, out: 0n });
            return r;
          }

          function record(o: Op, r: SentTx): void {
            const b = (address: unknown) => books.find((x) => x.campaign.address.equals(address as never));
            for (const e of r.events) {
              const book = b(e.data.campaign);
              if (!book) continue;
              if (e.name === "taskPaid") book.out += big(e.data.amount) + big(e.data.fee);
              if ((e.name === "taskRejected" || e.name === "taskExpired") && e.data.toOwner)
                book.out += big(e.data.refunded);
              if (e.name === "campaignCancelled") book.out += big(e.data.refunded);
              if (e.name === "campaignToppedUp") book.funded += big(e.data.amount);
            }
            if (o.kind === "accept" || o.kind === "reject" || o.kind === "expire" || o.kind === "deliver") {
              // Settled tasks are gone; forget them so indices keep hitting live ones.
              for (let i = tasks.length - 1; i >= 0; i--) {
                const settled = r.events.some(
                  (e) =>
                    ["taskPaid", "taskRejected", "taskExpired"].includes(e.name) &&
                    tasks[i]!.ref.address.equals(e.data.task as never),
                );
                if (settled) tasks.splice(i, 1);
              }
            }
          }

          async function assertBooks(): Promise<void> {
            for (const book of books) {
              const s = await book.campaign.state();
              const pool = s ? big(s.pool) : 0n;
              let locked = 0n;
              for (const t of tasks) {
                if (campaigns[t.campaign] !== book.campaign) continue;
                const ts = await taskState(p, t.ref);
                if (ts) locked += big(ts.amount) + big(ts.fee);
              }
              assert.equal(
                pool + locked + book.out,
                book.funded,
                `campaign books: pool ${pool} + locked ${locked} + out ${book.out} != funded ${book.funded}`,
              );
              if (s) assert.equal(s.activeClaims, tasks.filter((t) => campaigns[t.campaign] === book.campaign).length);
            }
          }
        }),
        { numRuns: runtime.name === "bankrun" ? 30 : 40, seed: Number(process.env.FC_SEED ?? Date.now() % 2 ** 31) },
      );
      const seconds = (Date.now() - started) / 1000;
      console.log(
        `      ${steps} steps (${succeeded} succeeded) in ${seconds.toFixed(1)} s; events ${JSON.stringify(Object.fromEntries(byKind))}`,
      );
    });
  });
}

function assertUnchanged(before: VaultSnapshot, after: VaultSnapshot, o: Op, r: SentTx): void {
  const msg = `refused ${o.kind} (${r.errorCode ?? r.error}) moved money`;
  assert.equal(after.vault, before.vault, msg);
  assert.equal(after.feesAccrued, before.feesAccrued, msg);
  assert.deepEqual(after.byType, before.byType, msg);
}
