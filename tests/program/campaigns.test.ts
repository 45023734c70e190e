import assert from "node:assert/strict";
import { Keypair, PublicKey, type TransactionInstruction } from "@solana/web3.js";
import { fundedAgent, TestAgent } from "../support/agents.js";
import {
  claimants,
  DAY,
  DEFAULT_CAMPAIGN,
  type Decoded,
  eventNames,
  expectError,
  expectOk,
  expectRuntimeRefusal,
  feeOf,
  hash32,
  openCampaign,
  solWallet,
  statusName,
  type TaskRef,
  TestCampaign,
  taskPda,
  taskState,
  warpBy,
} from "../support/campaigns.js";
import { assertMoneyInvariants } from "../support/invariant.js";
import { addressAt, validBumpBelow } from "../support/pdas.js";
import { Platform, RUNTIMES } from "../support/platform.js";

const TASK_RENT = BigInt((128 + 144) * 3480 * 2);
const QUOTA_RENT = BigInt((128 + 120) * 3480 * 2);
const CAMPAIGN_RENT = BigInt((128 + 144) * 3480 * 2);
const num = (v: unknown) => BigInt(String(v));

for (const runtime of RUNTIMES) {
  describe(`campaigns [${runtime.name}]`, () => {
    let p: Platform;
    beforeEach(async () => {
      p = await Platform.start(runtime.start);
      await p.initializeConfig();
    });

    /** Lamports of an account, 0 if it does not exist. */
    const lamports = async (k: PublicKey) => (await p.chain.getAccount(k))?.lamports ?? 0n;

    /** Sends and expects a program error, checking that no money moved. */
    async function refused(ix: TransactionInstruction, signers: Keypair[], error: Parameters<typeof expectError>[1]) {
      const before = await assertMoneyInvariants(p);
      const r = await p.send(ix, signers);
      expectError(r, error);
      const after = await assertMoneyInvariants(p);
      assert.deepEqual(after.byType, before.byType);
      assert.equal(after.feesAccrued, before.feesAccrued);
    }

    describe("create_campaign", () => {
      it("escrows the whole budget, fixes the fee per task and emits CampaignCreated", async () => {
        // Given an activated owner with 30 USDC
        const owner = await fundedAgent(p, 31_000_000n);
        const c = new TestCampaign(p, owner, 7n, { ...DEFAULT_CAMPAIGN, maxPerAgent: 2, dailyLimit: 3 });
        const now = await p.chain.now();
        // When the campaign is created
        const r = await c.create();
        // Then the pool holds the budget and the owner's ledger lost it
        const s = await c.mustState();
        assert.ok(s.owner.equals(owner.key));
        assert.equal(num(s.reward), 50_000n);
        assert.equal(num(s.fee), 1_500n);
        assert.equal(num(s.pool), 10_000_000n);
        assert.equal(num(s.endsAt), now + 30n * DAY);
        assert.equal(s.maxPerAgent, 2);
        assert.equal(s.dailyLimit, 3);
        assert.equal(s.maxConcurrentClaims, 10);
        assert.equal(s.activeClaims, 0);
        assert.equal(s.autoAccept, true);
        assert.equal(statusName(s.status), "active");
        assert.equal(s.bump, c.bump);
        assert.ok(s.rentPayer.equals(p.chain.payer.publicKey));
        assert.equal(await owner.available(), 20_000_000n);
        assert.deepEqual(eventNames(r), ["campaignCreated"]);
        assert.equal(num(r.events[0]?.data.fee), 1_500n);
        assert.equal(num(r.events[0]?.data.pool), 10_000_000n);
        assert.equal((await p.chain.getAccount(c.address))?.lamports, CAMPAIGN_RENT);
        await assertMoneyInvariants(p);
      });

      it("accepts every parameter at the edges of its range", async () => {
        const owner = await fundedAgent(p, 50_000_000n);
        const edges: Partial<typeof DEFAULT_CAMPAIGN>[] = [
          {
            reward: 1_000n,
            budget: 1_030n,
            maxConcurrentClaims: 1,
            reviewTimeout: 60,
            claimTimeout: 30,
            durationDays: 1,
          },
          {
            maxConcurrentClaims: 1_000,
            reviewTimeout: 86_400,
            claimTimeout: 86_400,
            durationDays: 365,
            maxPerAgent: 0,
          },
        ];
        for (const [i, e] of edges.entries()) {
          const c = new TestCampaign(p, owner, BigInt(i), { ...DEFAULT_CAMPAIGN, ...e });
          await c.create();
        }
        await assertMoneyInvariants(p);
      });

      const outOfRange: [string, Partial<typeof DEFAULT_CAMPAIGN>][] = [
        ["a reward below 1 000", { reward: 999n }],
        ["a budget below one task's reward + fee", { reward: 1_000n, budget: 1_029n }],
        ["no concurrent claims", { maxConcurrentClaims: 0 }],
        ["more than 1 000 concurrent claims", { maxConcurrentClaims: 1_001 }],
        ["a review timeout under 60 s", { reviewTimeout: 59 }],
        ["a review timeout over a day", { reviewTimeout: 86_401 }],
        ["a claim timeout under 30 s", { claimTimeout: 29 }],
        ["a claim timeout over a day", { claimTimeout: 86_401 }],
        ["a duration of 0 days", { durationDays: 0 }],
        ["a duration over 365 days", { durationDays: 366 }],
        ["a reward whose fee would overflow", { reward: 2n ** 63n, budget: 2n ** 64n - 1n }],
      ];
      for (const [name, params] of outOfRange) {
        it(`refuses ${name}`, async () => {
          const owner = await fundedAgent(p, 50_000_000n);
          const c = new TestCampaign(p, owner, 1n, { ...DEFAULT_CAMPAIGN, ...params });
          await refused(await c.createIx(), [owner.wallet], "InvalidCampaignParams");
        });
      }

      it("refuses a budget above the owner's balance", async () => {
        const owner = await fundedAgent(p, 5_000_000n);
        const c = new TestCampaign(p, owner, 1n, { ...DEFAULT_CAMPAIGN, budget: 4_000_001n });
        await refused(await c.createIx(), [owner.wallet], "InsufficientFunds");
      });

      it("refuses an owner that is not activated", async () => {
        const owner = new TestAgent(p);
        await owner.register();
        await owner.deposit(900_000n);
        const c = new TestCampaign(p, owner, 1n, { ...DEFAULT_CAMPAIGN, reward: 1_000n, budget: 500_000n });
        await refused(await c.createIx(), [owner.wallet], "AgentNotActivated");
      });

      it("refuses without the owner's signature", async () => {
        const owner = await fundedAgent(p);
        const c = new TestCampaign(p, owner, 1n, DEFAULT_CAMPAIGN);
        const ix = await c.createIx();
        ix.keys[1]!.isSigner = false;
        await refused(ix, [], "MissingSigner");
      });

      it("refuses to debit another agent's ledger", async () => {
        const owner = await fundedAgent(p);
        const victim = await fundedAgent(p);
        const c = new TestCampaign(p, owner, 1n, DEFAULT_CAMPAIGN);
        await refused(await c.createIx({ accounts: { ownerAgent: victim.ledger } }), [owner.wallet], "PartyMismatch");
      });

      it("refuses a fake config owned by another program", async () => {
        const owner = await fundedAgent(p);
        const fake = Keypair.generate().publicKey;
        const real = await p.chain.getAccount(p.config);
        await p.chain.setAccount(fake, { ...real!, owner: Keypair.generate().publicKey });
        const c = new TestCampaign(p, owner, 1n, DEFAULT_CAMPAIGN);
        await refused(await c.createIx({ accounts: { config: fake } }), [owner.wallet], "InvalidOwner");
      });

      it("refuses another program account posing as the config", async () => {
        const owner = await fundedAgent(p);
        const c = new TestCampaign(p, owner, 1n, DEFAULT_CAMPAIGN);
        await refused(await c.createIx({ accounts: { config: owner.ledger } }), [owner.wallet], "InvalidAccountData");
      });

      it("refuses an address that is not the campaign PDA", async () => {
        const owner = await fundedAgent(p);
        const c = new TestCampaign(p, owner, 1n, DEFAULT_CAMPAIGN);
        const other = new TestCampaign(p, owner, 2n, DEFAULT_CAMPAIGN);
        const r = await p.send(await c.createIx({ accounts: { campaign: other.address } }), [owner.wallet]);
        expectRuntimeRefusal(r, /signer privilege escalated/);
        assert.equal(await owner.available(), 49_000_000n);
      });

      it("still works when someone sent lamports to the campaign address in advance", async () => {
        const owner = await fundedAgent(p);
        const c = new TestCampaign(p, owner, 9n, DEFAULT_CAMPAIGN);
        await p.chain.airdrop(c.address, 3_000_000n);
        await c.create();
        assert.equal((await p.chain.getAccount(c.address))?.lamports, 3_000_000n);
        assert.equal(await c.pool(), 10_000_000n);
        await c.cancel();
        await assertMoneyInvariants(p);
      });

      it("refuses a valid but non-canonical bump, so one (owner, id) names one campaign", async () => {
        // Given an owner and an id whose campaign PDA also has a valid lower bump
        const owner = await fundedAgent(p);
        const seeds = (id: bigint) => {
          const le = Buffer.alloc(8);
          le.writeBigUInt64LE(id);
          return [Buffer.from("campaign"), owner.key.toBuffer(), le];
        };
        let c = new TestCampaign(p, owner, 1n, DEFAULT_CAMPAIGN);
        let lower = validBumpBelow(seeds(c.id), c.bump, p.program.programId);
        while (lower < 0) {
          c = new TestCampaign(p, owner, c.id + 1n, DEFAULT_CAMPAIGN);
          lower = validBumpBelow(seeds(c.id), c.bump, p.program.programId);
        }
        const alt = addressAt(seeds(c.id), lower, p.program.programId)!;
        // When it creates the campaign at the lower bump, then it is refused and nothing exists there
        await refused(await c.createIx({ accounts: { campaign: alt }, bump: lower }), [owner.wallet], "InvalidAddress");
        assert.equal(await p.chain.getAccount(alt), null);
        assert.equal(await owner.available(), 49_000_000n);
        // while the canonical address works
        await c.create();
        assert.equal((await c.mustState()).bump, c.bump);
      });

      it("refuses an id that is already used", async () => {
        const c = await openCampaign(p, {}, { id: 5n });
        await refused(await c.createIx(), [c.owner.wallet], "AlreadyInitialized");
      });

      it("refuses while the platform is paused", async () => {
        const owner = await fundedAgent(p);
        await setPlatformPaused(p, true);
        const c = new TestCampaign(p, owner, 1n, DEFAULT_CAMPAIGN);
        await refused(await c.createIx(), [owner.wallet], "ProgramPaused");
      });
    });

    describe("claim_task", () => {
      it("moves reward + fee from the pool into a new task, creates the quota once, and emits TaskClaimed", async () => {
        // Given a campaign and an agent with its own rent payer
        const c = await openCampaign(p, { maxPerAgent: 2 });
        const [a] = await claimants(p, 1);
        const payer = await solWallet(p);
        const payerBefore = await lamports(payer.publicKey);
        const now = await p.chain.now();
        // When the agent claims
        const { task: t, r } = await c.tryClaim(a!, payer);
        expectOk(r, "claim");
        // Then the task holds 51 500 and expires after the claim timeout
        const task = await taskState(p, t);
        assert.ok(task);
        assert.ok(task.campaign.equals(c.address));
        assert.ok(task.agent.equals(a!.key));
        assert.ok(task.rentPayer.equals(payer.publicKey));
        assert.equal(num(task.amount), 50_000n);
        assert.equal(num(task.fee), 1_500n);
        assert.equal(num(task.expiresAt), now + 300n);
        assert.equal(num(task.reviewBy), 0n);
        assert.equal(task.index, 0);
        assert.equal(task.bump, t.bump);
        assert.equal(statusName(task.status), "claimed");
        const s = await c.mustState();
        assert.equal(num(s.pool), 10_000_000n - 51_500n);
        assert.equal(s.activeClaims, 1);
        const quota = await c.quotaState(a!);
        assert.equal(quota?.totalClaims, 1);
        assert.equal(quota?.claimsToday, 1);
        assert.equal(num(quota?.day), now / DAY);
        assert.equal(quota?.bump, c.quota(a!).bump);
        assert.ok(quota?.rentPayer.equals(payer.publicKey));
        assert.deepEqual(eventNames(r), ["taskClaimed"]);
        assert.equal(num(r.events[0]?.data.expiresAt), now + 300n);
        assert.equal(r.events[0]?.data.index, 0);
        // and the payer paid the task's and the quota's rent
        assert.equal(payerBefore - (await lamports(payer.publicKey)), TASK_RENT + QUOTA_RENT);
        await assertMoneyInvariants(p);

        // When it claims again, only a task is created, at the next index
        const t2 = await c.claim(a!, payer);
        assert.equal(t2.index, 1);
        assert.equal((await c.quotaState(a!))?.totalClaims, 2);
        assert.equal(payerBefore - (await lamports(payer.publicKey)), 2n * TASK_RENT + QUOTA_RENT);
        await assertMoneyInvariants(p);
      });

      it("allows max_per_agent claims and refuses the next, counting rejected and expired ones", async () => {
        // Given max 3 per agent, manual review
        const c = await openCampaign(p, { maxPerAgent: 3, autoAccept: false });
        const [a, b] = await claimants(p, 2);
        // claim 1 is rejected, claim 2 expires, claim 3 is accepted
        const t1 = await c.claim(a!);
        await c.deliver(t1);
        await c.reject(t1);
        const t2 = await c.claim(a!);
        await warpBy(p, 300n);
        await c.expire(t2);
        const t3 = await c.claim(a!);
        await c.deliver(t3);
        await c.accept(t3);
        await assertMoneyInvariants(p);
        // Then the 4th claim is refused
        const t4 = await c.nextTask(a!);
        await refused(await c.claimIx(t4), [a!.wallet, p.operator], "MaxPerAgentReached");
        // but another agent can still claim
        await c.claim(b!);
        await assertMoneyInvariants(p);
      });

      it("allows unlimited claims per agent when max_per_agent is 0", async () => {
        const c = await openCampaign(p, { maxPerAgent: 0 });
        const [a] = await claimants(p, 1);
        for (let i = 0; i < 5; i++) await c.deliver(await c.claim(a!));
        assert.equal((await c.quotaState(a!))?.totalClaims, 5);
        await assertMoneyInvariants(p);
      });

      it("enforces the daily limit per UTC day and resets it at the day boundary", async () => {
        // Given a daily limit of 2, one second before midnight UTC
        const c = await openCampaign(p, { maxPerAgent: 0, dailyLimit: 2 });
        const [a] = await claimants(p, 1);
        const midnight = ((await p.chain.now()) / DAY + 1n) * DAY;
        await p.chain.warpTo(midnight - 2n);
        await c.deliver(await c.claim(a!));
        await c.deliver(await c.claim(a!));
        // The third claim that day is refused, even in its last second
        await p.chain.warpTo(midnight - 1n);
        await refused(await c.claimIx(await c.nextTask(a!)), [a!.wallet, p.operator], "DailyLimitReached");
        // At 00:00:00 the count resets
        await p.chain.warpTo(midnight);
        const t = await c.claim(a!);
        const quota = await c.quotaState(a!);
        assert.equal(num(quota?.day), midnight / DAY);
        assert.equal(quota?.claimsToday, 1);
        assert.equal(quota?.totalClaims, 3);
        await c.deliver(t);
        await c.deliver(await c.claim(a!));
        await refused(await c.claimIx(await c.nextTask(a!)), [a!.wallet, p.operator], "DailyLimitReached");
        await assertMoneyInvariants(p);
      });

      it("allows max_concurrent_claims tasks in progress and refuses one more until one settles", async () => {
        const c = await openCampaign(p, { maxConcurrentClaims: 3, autoAccept: false });
        const agents = await claimants(p, 4);
        const tasks: TaskRef[] = [];
        for (const a of agents.slice(0, 3)) tasks.push(await c.claim(a));
        assert.equal((await c.mustState()).activeClaims, 3);
        await refused(
          await c.claimIx(await c.nextTask(agents[3]!)),
          [agents[3]!.wallet, p.operator],
          "MaxConcurrentClaims",
        );
        // A delivered task under review still counts
        await c.deliver(tasks[0]!);
        await refused(
          await c.claimIx(await c.nextTask(agents[3]!)),
          [agents[3]!.wallet, p.operator],
          "MaxConcurrentClaims",
        );
        // Once it is paid, the slot frees up
        await c.accept(tasks[0]!);
        await c.claim(agents[3]!);
        assert.equal((await c.mustState()).activeClaims, 3);
        await assertMoneyInvariants(p);
      });

      it("refuses a claim the pool cannot cover while tasks are in progress", async () => {
        // Given a pool of exactly two tasks
        const c = await openCampaign(p, { budget: 103_000n, maxPerAgent: 5 });
        const [a, b, d] = await claimants(p, 3);
        await c.claim(a!);
        await c.claim(b!);
        assert.equal(await c.pool(), 0n);
        await refused(await c.claimIx(await c.nextTask(d!)), [d!.wallet, p.operator], "CampaignBudgetExhausted");
      });

      it("refuses claims at and after ends_at", async () => {
        const c = await openCampaign(p, { durationDays: 1, maxPerAgent: 5 });
        const [a] = await claimants(p, 1);
        const endsAt = num((await c.mustState()).endsAt);
        await p.chain.warpTo(endsAt - 1n);
        await c.claim(a!);
        await p.chain.warpTo(endsAt);
        await refused(await c.claimIx(await c.nextTask(a!)), [a!.wallet, p.operator], "CampaignEnded");
      });

      it("refuses claims on a paused campaign and accepts them again after resume", async () => {
        const c = await openCampaign(p);
        const [a] = await claimants(p, 1);
        await c.pause();
        await refused(await c.claimIx(await c.nextTask(a!)), [a!.wallet, p.operator], "CampaignNotActive");
        await c.resume();
        await c.claim(a!);
        await assertMoneyInvariants(p);
      });

      it("refuses claims on a cancelled campaign", async () => {
        const c = await openCampaign(p, { autoAccept: false });
        const [a, b] = await claimants(p, 2);
        await c.claim(a!); // keeps the cancelled campaign open
        await c.cancel();
        await refused(await c.claimIx(await c.nextTask(b!)), [b!.wallet, p.operator], "CampaignNotActive");
      });

      it("refuses the owner claiming its own campaign", async () => {
        const c = await openCampaign(p);
        await refused(await c.claimIx(await c.nextTask(c.owner)), [c.owner.wallet, p.operator], "SelfDealing");
      });

      it("refuses an agent that is not activated", async () => {
        const c = await openCampaign(p);
        const a = await fundedAgent(p, 0n);
        await refused(await c.claimIx(await c.nextTask(a)), [a.wallet, p.operator], "AgentNotActivated");
      });

      it("refuses while the platform is paused", async () => {
        const c = await openCampaign(p);
        const [a] = await claimants(p, 1);
        await setPlatformPaused(p, true);
        await refused(await c.claimIx(await c.nextTask(a!)), [a!.wallet, p.operator], "ProgramPaused");
      });

      describe("counters never wrap (the build has no overflow checks)", () => {
        /** Overwrites a little-endian u32 of a program account, as a bug elsewhere might have. */
        const corruptU32 = async (address: PublicKey, offset: number, value: number) => {
          const account = (await p.chain.getAccount(address))!;
          const data = Buffer.from(account.data);
          data.writeUInt32LE(value, offset);
          await p.chain.setAccount(address, { ...account, data });
        };

        it("refuses a claim whose daily count is at its maximum instead of wrapping it to zero", async () => {
          // Given an unlimited-per-day campaign and a quota whose claims_today (offset 112) is full
          const c = await openCampaign(p, { maxPerAgent: 0, dailyLimit: 0 });
          const [a] = await claimants(p, 1);
          await c.claim(a!);
          await corruptU32(c.quota(a!).address, 112, 0xffff_ffff);
          // When the agent claims again the same day, then the claim fails and the count stays
          await refused(await c.claimIx(await c.nextTask(a!)), [a!.wallet, p.operator], "Overflow");
          assert.equal((await c.quotaState(a!))?.claimsToday, 0xffff_ffff);
        });

        it("refuses to settle a task its campaign no longer counts instead of wrapping active_claims", async () => {
          // Given a task in progress whose campaign's active_claims (offset 124) reads 0
          const c = await openCampaign(p);
          const [a] = await claimants(p, 1);
          const t = await c.claim(a!);
          await corruptU32(c.address, 124, 0);
          // When the claim expires and is cranked, then the crank fails and nothing moves
          await warpBy(p, BigInt(c.params.claimTimeout));
          await refused(await c.expireIx(t), [], "Overflow");
          assert.equal((await c.mustState()).activeClaims, 0);
          assert.ok(await p.chain.getAccount(t.address), "the task still holds its funds");
        });
      });

      it("still works when someone sent lamports to the quota and task addresses in advance", async () => {
        // Given a griefer who funded the agent's quota address (below its rent) and the next
        // two task addresses (below and above their rent)
        const c = await openCampaign(p, { maxPerAgent: 2 });
        const [a] = await claimants(p, 1);
        const t0 = await c.nextTask(a!);
        const t1 = taskPda(p.program.programId, t0.quota, 1);
        await p.chain.airdrop(t0.quota, 1_000_000n);
        await p.chain.airdrop(t0.address, 1_000_000n);
        await p.chain.airdrop(t1.address, 5_000_000n);
        // When the agent claims twice, its payer only tops the accounts up to rent exemption
        const payer = await solWallet(p);
        const before = await lamports(payer.publicKey);
        await c.claim(a!, payer);
        assert.equal(before - (await lamports(payer.publicKey)), TASK_RENT + QUOTA_RENT - 2_000_000n);
        const t = await c.claim(a!, payer);
        assert.equal(t.address.toBase58(), t1.address.toBase58());
        assert.equal(before - (await lamports(payer.publicKey)), TASK_RENT + QUOTA_RENT - 2_000_000n);
        assert.equal((await c.quotaState(a!))?.totalClaims, 2);
        assert.equal((await p.chain.getAccount(t1.address))?.owner.toBase58(), p.program.programId.toBase58());
        // and settling returns everything the task account held to the payer
        await c.deliver(t);
        assert.equal(before - (await lamports(payer.publicKey)), TASK_RENT + QUOTA_RENT - 2_000_000n - 5_000_000n);
        await assertMoneyInvariants(p);
      });

      it("refuses a quota created with a non-canonical bump, so the limits cannot be reset", async () => {
        // Given an agent whose quota PDA also has a valid lower bump
        const c = await openCampaign(p);
        let a: TestAgent | undefined;
        let lower = -1;
        while (lower < 0) {
          a = (await claimants(p, 1))[0]!;
          lower = otherValidBump(c, a);
        }
        const q = c.quota(a!);
        const alt = PublicKey.createProgramAddressSync(
          [Buffer.from("quota"), c.address.toBuffer(), a!.key.toBuffer(), Buffer.from([lower])],
          p.program.programId,
        );
        assert.ok(!alt.equals(q.address));
        const t = taskPda(p.program.programId, alt, 0);
        const task: TaskRef = { ...t, agent: a!, quota: alt, index: 0, rentPayer: p.chain.payer.publicKey };
        await refused(await c.claimIx(task, { quotaBump: lower }), [a!.wallet, p.operator], "InvalidAddress");
        // while the canonical quota works
        await c.claim(a!);
      });

      const cases: [string, (c: TestCampaign, a: TestAgent) => Promise<[TransactionInstruction, Keypair[]]>, any][] = [
        [
          "without the agent's signature",
          async (c, a) => {
            const ix = await c.claimIx(await c.nextTask(a));
            ix.keys[1]!.isSigner = false;
            return [ix, [p.operator]];
          },
          "MissingSigner",
        ],
        [
          "without the operator's co-signature",
          async (c, a) => {
            const ix = await c.claimIx(await c.nextTask(a));
            ix.keys[2]!.isSigner = false;
            return [ix, [a.wallet]];
          },
          "MissingSigner",
        ],
        [
          "co-signed by a stranger instead of the operator",
          async (c, a) => {
            const stranger = Keypair.generate();
            return [
              await c.claimIx(await c.nextTask(a), { accounts: { operator: stranger.publicKey } }),
              [a.wallet, stranger],
            ];
          },
          "Unauthorized",
        ],
        [
          "with another agent's ledger",
          async (c, a) => {
            const b = (await claimants(p, 1))[0]!;
            return [await c.claimIx(await c.nextTask(a), { accounts: { agent: b.ledger } }), [a.wallet, p.operator]];
          },
          "PartyMismatch",
        ],
        [
          "with another agent's quota",
          async (c, a) => {
            const b = (await claimants(p, 1))[0]!;
            await c.claim(b);
            const t = await c.nextTask(a);
            return [await c.claimIx(t, { accounts: { quota: c.quota(b).address } }), [a.wallet, p.operator]];
          },
          "PartyMismatch",
        ],
        [
          "with the agent's quota on another campaign",
          async (c, a) => {
            const other = await openCampaign(p);
            await other.claim(a);
            const t = await c.nextTask(a);
            return [await c.claimIx(t, { accounts: { quota: other.quota(a).address } }), [a.wallet, p.operator]];
          },
          "PartyMismatch",
        ],
        [
          "with a fake config owned by another program",
          async (c, a) => {
            const fake = Keypair.generate().publicKey;
            const real = await p.chain.getAccount(p.config);
            await p.chain.setAccount(fake, { ...real!, owner: Keypair.generate().publicKey });
            return [await c.claimIx(await c.nextTask(a), { accounts: { config: fake } }), [a.wallet, p.operator]];
          },
          "InvalidOwner",
        ],
        [
          "with a task passed as the campaign",
          async (c, a) => {
            const b = (await claimants(p, 1))[0]!;
            const tb = await c.claim(b);
            return [
              await c.claimIx(await c.nextTask(a), { accounts: { campaign: tb.address } }),
              [a.wallet, p.operator],
            ];
          },
          "InvalidAccountData",
        ],
        [
          "with a wrong system program",
          async (c, a) => [
            await c.claimIx(await c.nextTask(a), { accounts: { systemProgram: Keypair.generate().publicKey } }),
            [a.wallet, p.operator],
          ],
          "InvalidProgramId",
        ],
        [
          "with an existing task account",
          async (c, a) => {
            const b = (await claimants(p, 1))[0]!;
            const tb = await c.claim(b);
            const t = await c.nextTask(a);
            return [await c.claimIx({ ...t, address: tb.address }), [a.wallet, p.operator]];
          },
          "AlreadyInitialized",
        ],
      ];
      for (const [name, build, error] of cases) {
        it(`is refused ${name}`, async () => {
          const c = await openCampaign(p, { maxPerAgent: 3 });
          const [a] = await claimants(p, 1);
          const [ix, signers] = await build(c, a!);
          await refused(ix, signers, error);
        });
      }

      it("is refused by the runtime with a task address of another index", async () => {
        const c = await openCampaign(p, { maxPerAgent: 3 });
        const [a] = await claimants(p, 1);
        const t = await c.nextTask(a!);
        const wrong = taskPda(p.program.programId, t.quota, 1);
        const before = await assertMoneyInvariants(p);
        const r = await p.send(await c.claimIx({ ...t, ...wrong }), [a!.wallet, p.operator]);
        expectRuntimeRefusal(r, /Could not create program address with signer seeds|signer privilege escalated/);
        assert.deepEqual((await assertMoneyInvariants(p)).byType, before.byType);
        assert.equal(await c.quotaState(a!), null);
      });
    });

    describe("deliver_task", () => {
      it("pays at once when the campaign auto-accepts: reward to the agent, fee to the platform, rent to the payer", async () => {
        const c = await openCampaign(p);
        const [a] = await claimants(p, 1);
        const payer = await solWallet(p);
        const t = await c.claim(a!, payer);
        const payerBefore = await lamports(payer.publicKey);
        const r = await c.deliver(t, "https://x.com/agent/status/123");
        assert.deepEqual(eventNames(r), ["taskDelivered", "taskPaid"]);
        assert.equal(num(r.events[0]?.data.reviewBy), 0n);
        assert.equal(statusName(r.events[1]?.data.acceptance), "autoAccept");
        assert.equal(await a!.available(), 50_000n);
        assert.equal(await taskState(p, t), null);
        assert.equal((await lamports(payer.publicKey)) - payerBefore, TASK_RENT);
        const config = await p.account<Decoded>("config", p.config);
        assert.equal(num(config?.feesAccrued), 2n * 1_000_000n + 1_500n); // two activations + the fee
        const s = await c.mustState();
        assert.equal(s.activeClaims, 0);
        assert.equal(num(s.pool), 10_000_000n - 51_500n);
        await assertMoneyInvariants(p);
      });

      it("starts the owner's review window when the campaign reviews", async () => {
        const c = await openCampaign(p, { autoAccept: false, reviewTimeout: 600 });
        const [a] = await claimants(p, 1);
        const t = await c.claim(a!);
        const now = await p.chain.now();
        const r = await c.deliver(t);
        const task = await taskState(p, t);
        assert.equal(statusName(task?.status), "delivered");
        assert.equal(num(task?.reviewBy), now + 600n);
        assert.deepEqual(eventNames(r), ["taskDelivered"]);
        assert.deepEqual(r.events[0]?.data.outputHash, hash32("done"));
        assert.equal(await a!.available(), 0n);
        await assertMoneyInvariants(p);
      });

      it("is accepted one second before expires_at and refused at expires_at", async () => {
        const c = await openCampaign(p, { autoAccept: false, maxPerAgent: 2 });
        const [a] = await claimants(p, 1);
        const t1 = await c.claim(a!);
        const t2 = await c.claim(a!);
        const expiresAt = num((await taskState(p, t1))?.expiresAt);
        await p.chain.warpTo(expiresAt - 1n);
        await c.deliver(t1);
        await p.chain.warpTo(expiresAt);
        await refused(await c.deliverIx(t2), [a!.wallet], "TaskExpired");
      });

      it("still works on a paused campaign", async () => {
        const c = await openCampaign(p);
        const [a] = await claimants(p, 1);
        const t = await c.claim(a!);
        await c.pause();
        await c.deliver(t);
        assert.equal(await a!.available(), 50_000n);
        await assertMoneyInvariants(p);
      });

      it("still works on an ended campaign, for a claim made before the end", async () => {
        const c = await openCampaign(p, { durationDays: 1, claimTimeout: 3_600 });
        const [a] = await claimants(p, 1);
        const endsAt = num((await c.mustState()).endsAt);
        await p.chain.warpTo(endsAt - 60n);
        const t = await c.claim(a!);
        await p.chain.warpTo(endsAt + 60n);
        await c.deliver(t);
        assert.equal(await a!.available(), 50_000n);
      });

      it("is refused once the campaign is cancelled", async () => {
        const c = await openCampaign(p);
        const [a] = await claimants(p, 1);
        const t = await c.claim(a!);
        await c.cancel();
        await refused(await c.deliverIx(t), [a!.wallet], "CampaignNotActive");
      });

      it("is refused a second time", async () => {
        const c = await openCampaign(p, { autoAccept: false });
        const [a] = await claimants(p, 1);
        const t = await c.claim(a!);
        await c.deliver(t);
        await refused(await c.deliverIx(t, "again"), [a!.wallet], "InvalidStatus");
      });

      it("is refused after the task was paid (the account is closed)", async () => {
        const c = await openCampaign(p);
        const [a] = await claimants(p, 1);
        const t = await c.claim(a!);
        await c.deliver(t);
        await refused(await c.deliverIx(t, "again"), [a!.wallet], "InvalidOwner");
      });

      const cases: [string, (c: TestCampaign, t: TaskRef) => Promise<[TransactionInstruction, Keypair[]]>, any][] = [
        [
          "without the agent's signature",
          async (c, t) => {
            const ix = await c.deliverIx(t);
            ix.keys[0]!.isSigner = false;
            return [ix, []];
          },
          "MissingSigner",
        ],
        [
          "signed by another agent",
          async (c, t) => {
            const b = (await claimants(p, 1))[0]!;
            return [await c.deliverIx(t, "x", { wallet: b.key }), [b.wallet]];
          },
          "Unauthorized",
        ],
        [
          "with another campaign's task",
          async (c, t) => {
            const other = await openCampaign(p);
            const t2 = await other.claim(t.agent);
            return [await c.deliverIx(t2), [t.agent.wallet]];
          },
          "PartyMismatch",
        ],
        [
          "paying into another agent's ledger",
          async (c, t) => {
            const b = (await claimants(p, 1))[0]!;
            return [await c.deliverIx(t, "x", { agent: b.ledger }), [t.agent.wallet]];
          },
          "PartyMismatch",
        ],
        [
          "with the rent going to someone else",
          async (c, t) => [await c.deliverIx(t, "x", { rentPayer: Keypair.generate().publicKey }), [t.agent.wallet]],
          "RentPayerMismatch",
        ],
        [
          "with a fake config",
          async (c, t) => {
            const fake = Keypair.generate().publicKey;
            const real = await p.chain.getAccount(p.config);
            await p.chain.setAccount(fake, { ...real!, owner: Keypair.generate().publicKey });
            return [await c.deliverIx(t, "x", { config: fake }), [t.agent.wallet]];
          },
          "InvalidOwner",
        ],
        [
          "with the campaign passed as the task",
          async (c, t) => [await c.deliverIx(t, "x", { task: c.address }), [t.agent.wallet]],
          "InvalidAccountData",
        ],
      ];
      for (const [name, build, error] of cases) {
        it(`is refused ${name}`, async () => {
          const c = await openCampaign(p);
          const [a] = await claimants(p, 1);
          const t = await c.claim(a!);
          const [ix, signers] = await build(c, t);
          await refused(ix, signers, error);
        });
      }
    });

    describe("accept_task / reject_task", () => {
      let c: TestCampaign;
      let a: TestAgent;
      let t: TaskRef;
      beforeEach(async () => {
        c = await openCampaign(p, { autoAccept: false, maxPerAgent: 2 });
        [a] = (await claimants(p, 1)) as [TestAgent];
        t = await c.claim(a);
        await c.deliver(t);
      });

      it("pays when the owner accepts", async () => {
        const r = await c.accept(t);
        assert.deepEqual(eventNames(r), ["taskPaid"]);
        assert.equal(statusName(r.events[0]?.data.acceptance), "owner");
        assert.equal(await a.available(), 50_000n);
        assert.equal(await taskState(p, t), null);
        await assertMoneyInvariants(p);
      });

      it("lets anyone accept from review_by on, but not a second before", async () => {
        const stranger = await solWallet(p);
        const reviewBy = num((await taskState(p, t))?.reviewBy);
        await p.chain.warpTo(reviewBy - 1n);
        await refused(await c.acceptIx(t, stranger.publicKey), [stranger], "DeadlineNotReached");
        await p.chain.warpTo(reviewBy);
        const r = await c.accept(t, stranger);
        assert.equal(statusName(r.events[0]?.data.acceptance), "reviewTimeout");
        assert.equal(await a.available(), 50_000n);
        await assertMoneyInvariants(p);
      });

      it("lets the owner reject before review_by: funds back to the pool, the claim still counts", async () => {
        const poolBefore = await c.pool();
        const r = await c.reject(t, "no hashtag");
        assert.deepEqual(eventNames(r), ["taskRejected"]);
        assert.equal(r.events[0]?.data.toOwner, false);
        assert.equal(num(r.events[0]?.data.refunded), 51_500n);
        assert.equal(await c.pool(), poolBefore + 51_500n);
        assert.equal((await c.mustState()).activeClaims, 0);
        assert.equal(await a.available(), 0n);
        assert.equal(await taskState(p, t), null);
        assert.equal((await c.quotaState(a))?.totalClaims, 1);
        await assertMoneyInvariants(p);
      });

      it("refuses a rejection at review_by: the work is then accepted", async () => {
        const reviewBy = num((await taskState(p, t))?.reviewBy);
        await p.chain.warpTo(reviewBy);
        await refused(await c.rejectIx(t), [c.owner.wallet], "DeadlinePassed");
      });

      it("refuses to accept or reject an undelivered task", async () => {
        const t2 = await c.claim(a);
        await refused(await c.acceptIx(t2), [c.owner.wallet], "InvalidStatus");
        await refused(await c.rejectIx(t2), [c.owner.wallet], "InvalidStatus");
      });

      it("refuses to settle twice", async () => {
        await c.accept(t);
        await refused(await c.acceptIx(t), [c.owner.wallet], "InvalidOwner");
        await refused(await c.rejectIx(t), [c.owner.wallet], "InvalidOwner");
      });

      it("refuses a rejection by anyone but the owner", async () => {
        const stranger = await solWallet(p);
        await refused(await c.rejectIx(t, "x", { owner: stranger.publicKey }), [stranger], "Unauthorized");
      });

      it("refuses without the signer's signature", async () => {
        const ix = await c.acceptIx(t);
        ix.keys[0]!.isSigner = false;
        await refused(ix, [], "MissingSigner");
        const rx = await c.rejectIx(t);
        rx.keys[0]!.isSigner = false;
        await refused(rx, [], "MissingSigner");
      });

      it("refuses another campaign's task", async () => {
        const other = await openCampaign(p, { autoAccept: false }, { owner: c.owner });
        const t2 = await other.claim(a);
        await other.deliver(t2);
        await refused(await c.acceptIx(t2), [c.owner.wallet], "PartyMismatch");
        await refused(await c.rejectIx(t2), [c.owner.wallet], "PartyMismatch");
      });

      it("refuses paying another agent's ledger", async () => {
        const b = (await claimants(p, 1))[0]!;
        await refused(await c.acceptIx(t, c.owner.key, { agent: b.ledger }), [c.owner.wallet], "PartyMismatch");
      });

      it("refuses a fake config or a wrong rent payer", async () => {
        await refused(await c.acceptIx(t, c.owner.key, { config: a.ledger }), [c.owner.wallet], "InvalidAccountData");
        const stranger = Keypair.generate().publicKey;
        await refused(await c.acceptIx(t, c.owner.key, { rentPayer: stranger }), [c.owner.wallet], "RentPayerMismatch");
        await refused(await c.rejectIx(t, "x", { rentPayer: stranger }), [c.owner.wallet], "RentPayerMismatch");
      });
    });

    describe("expire_task", () => {
      it("is refused a second before expires_at and returns the funds to the pool at expires_at", async () => {
        const c = await openCampaign(p);
        const [a] = await claimants(p, 1);
        const payer = await solWallet(p);
        const t = await c.claim(a!, payer);
        const expiresAt = num((await taskState(p, t))?.expiresAt);
        await p.chain.warpTo(expiresAt - 1n);
        await refused(await c.expireIx(t), [], "DeadlineNotReached");
        await p.chain.warpTo(expiresAt);
        const payerBefore = await lamports(payer.publicKey);
        const poolBefore = await c.pool();
        const r = await c.expire(t);
        assert.deepEqual(eventNames(r), ["taskExpired"]);
        assert.equal(r.events[0]?.data.toOwner, false);
        assert.equal(await c.pool(), poolBefore + 51_500n);
        assert.equal((await c.mustState()).activeClaims, 0);
        assert.equal(await taskState(p, t), null);
        assert.equal((await lamports(payer.publicKey)) - payerBefore, TASK_RENT);
        assert.equal((await c.quotaState(a!))?.totalClaims, 1);
        await assertMoneyInvariants(p);
      });

      it("refuses a delivered task", async () => {
        const c = await openCampaign(p, { autoAccept: false });
        const [a] = await claimants(p, 1);
        const t = await c.claim(a!);
        await c.deliver(t);
        await warpBy(p, 10_000n);
        await refused(await c.expireIx(t), [], "InvalidStatus");
      });

      it("refuses another campaign's task and a wrong rent payer", async () => {
        const c = await openCampaign(p);
        const other = await openCampaign(p);
        const [a] = await claimants(p, 1);
        const t = await other.claim(a!);
        await warpBy(p, 300n);
        await refused(await c.expireIx(t), [], "PartyMismatch");
        await refused(await other.expireIx(t, { rentPayer: Keypair.generate().publicKey }), [], "RentPayerMismatch");
      });
    });

    describe("top_up_campaign", () => {
      it("adds to the pool from the owner's ledger", async () => {
        const c = await openCampaign(p);
        const before = await c.owner.available();
        const r = await c.topUp(2_000_000n);
        assert.equal(await c.pool(), 12_000_000n);
        assert.equal(await c.owner.available(), before - 2_000_000n);
        assert.deepEqual(eventNames(r), ["campaignToppedUp"]);
        assert.equal(statusName(r.events[0]?.data.status), "active");
        await assertMoneyInvariants(p);
      });

      it("reactivates a completed campaign once the pool covers a task again", async () => {
        // Given a campaign that completes after one task
        const c = await openCampaign(p, { budget: 80_000n, maxPerAgent: 5 });
        const [a] = await claimants(p, 1);
        const t = await c.claim(a!);
        const r = await c.deliver(t);
        assert.deepEqual(eventNames(r), ["taskDelivered", "taskPaid", "campaignCompleted"]);
        assert.equal(num(r.events[2]?.data.pool), 28_500n);
        assert.equal(await c.status(), "completed");
        await refused(await c.claimIx(await c.nextTask(a!)), [a!.wallet, p.operator], "CampaignBudgetExhausted");
        // A top-up that still does not cover a task keeps it completed
        await c.topUp(1_000n);
        assert.equal(await c.status(), "completed");
        // One that does reactivates it
        const r2 = await c.topUp(22_000n);
        assert.equal(statusName(r2.events[0]?.data.status), "active");
        assert.equal(await c.pool(), 51_500n);
        await c.deliver(await c.claim(a!));
        assert.equal(await c.status(), "completed");
        await assertMoneyInvariants(p);
      });

      it("is refused for someone else's campaign, another ledger, zero, too much, cancelled or ended", async () => {
        const c = await openCampaign(p, { durationDays: 1 }, { deposit: 12_000_000n });
        const stranger = await fundedAgent(p);
        await refused(
          await c.topUpIx(1n, { owner: stranger.key, ownerAgent: stranger.ledger }),
          [stranger.wallet],
          "Unauthorized",
        );
        await refused(await c.topUpIx(1n, { ownerAgent: stranger.ledger }), [c.owner.wallet], "PartyMismatch");
        await refused(await c.topUpIx(0n), [c.owner.wallet], "InvalidAmount");
        await refused(await c.topUpIx(1_000_001n), [c.owner.wallet], "InsufficientFunds");
        const ix = await c.topUpIx(1n);
        ix.keys[0]!.isSigner = false;
        await refused(ix, [], "MissingSigner");
        await p.chain.warpTo(num((await c.mustState()).endsAt));
        await refused(await c.topUpIx(1n), [c.owner.wallet], "CampaignEnded");
        const d = await openCampaign(p, {}, { owner: stranger, deposit: 0n });
        const [a] = await claimants(p, 1);
        await d.claim(a!);
        await d.cancel();
        await refused(await d.topUpIx(1n), [stranger.wallet], "InvalidStatus");
      });
    });

    describe("pause_campaign / resume_campaign", () => {
      it("pausing stops new claims while tasks in progress continue; resuming reopens", async () => {
        const c = await openCampaign(p, { autoAccept: false, maxPerAgent: 2 });
        const [a, b] = await claimants(p, 2);
        const t1 = await c.claim(a!);
        const t2 = await c.claim(a!);
        const r = await c.pause();
        assert.deepEqual(eventNames(r), ["campaignPaused"]);
        assert.equal(await c.status(), "paused");
        await refused(await c.claimIx(await c.nextTask(b!)), [b!.wallet, p.operator], "CampaignNotActive");
        await c.deliver(t1);
        await c.accept(t1);
        await warpBy(p, 300n);
        await c.expire(t2);
        assert.equal(await a!.available(), 50_000n);
        const r2 = await c.resume();
        assert.deepEqual(eventNames(r2), ["campaignResumed"]);
        await c.claim(b!);
        await assertMoneyInvariants(p);
      });

      it("a paused campaign that ran dry completes when resumed", async () => {
        const c = await openCampaign(p, { budget: 60_000n });
        const [a] = await claimants(p, 1);
        const t = await c.claim(a!);
        await c.pause();
        const r = await c.deliver(t);
        assert.deepEqual(eventNames(r), ["taskDelivered", "taskPaid"]);
        assert.equal(await c.status(), "paused");
        const r2 = await c.resume();
        assert.deepEqual(eventNames(r2), ["campaignResumed", "campaignCompleted"]);
        assert.equal(await c.status(), "completed");
      });

      it("refuses a stranger, a missing signature and the wrong status", async () => {
        const c = await openCampaign(p);
        const stranger = await solWallet(p);
        await refused(await c.pauseIx(stranger.publicKey), [stranger], "Unauthorized");
        const ix = await c.pauseIx();
        ix.keys[0]!.isSigner = false;
        await refused(ix, [], "MissingSigner");
        await refused(await c.resumeIx(), [c.owner.wallet], "InvalidStatus");
        await c.pause();
        await refused(await c.pauseIx(), [c.owner.wallet], "InvalidStatus");
        await refused(await c.resumeIx(stranger.publicKey), [stranger], "Unauthorized");
      });
    });

    describe("cancel_campaign / close_campaign / close_quota", () => {
      it("with no task in progress: returns the pool to the owner and closes at once", async () => {
        const payer = await solWallet(p);
        const owner = await fundedAgent(p, 21_000_000n);
        const c = new TestCampaign(p, owner, 1n, DEFAULT_CAMPAIGN, payer.publicKey);
        await c.create([payer]);
        const before = await owner.available();
        const payerBefore = await lamports(payer.publicKey);
        const r = await c.cancel();
        assert.deepEqual(eventNames(r), ["campaignCancelled", "campaignClosed"]);
        assert.equal(num(r.events[0]?.data.refunded), 10_000_000n);
        assert.equal(r.events[0]?.data.closed, true);
        assert.equal(await owner.available(), before + 10_000_000n);
        assert.equal(await c.state(), null);
        assert.equal((await lamports(payer.publicKey)) - payerBefore, CAMPAIGN_RENT);
        await assertMoneyInvariants(p);
      });

      it("with tasks in progress: undelivered ones are void and refund the owner, delivered ones are still paid, then it closes", async () => {
        // Given a reviewed campaign with two undelivered claims and two deliveries under review
        const c = await openCampaign(p, { autoAccept: false });
        const agents = await claimants(p, 4);
        const [u1, u2, d1, d2] = [
          await c.claim(agents[0]!),
          await c.claim(agents[1]!),
          await c.claim(agents[2]!),
          await c.claim(agents[3]!),
        ];
        await c.deliver(d1!);
        await c.deliver(d2!);
        const owner0 = await c.owner.available();
        // When the owner cancels
        const r = await c.cancel();
        assert.deepEqual(eventNames(r), ["campaignCancelled"]);
        assert.equal(r.events[0]?.data.activeClaims, 4);
        assert.equal(r.events[0]?.data.closed, false);
        // Then the pool goes home at once
        const refund = 10_000_000n - 4n * 51_500n;
        assert.equal(await c.owner.available(), owner0 + refund);
        assert.equal(await c.pool(), 0n);
        assert.equal(await c.status(), "cancelled");
        await assertMoneyInvariants(p);
        // The campaign cannot close yet
        await refused(await c.closeIx(), [], "CampaignHasActiveTasks");
        // Undelivered tasks cannot be delivered any more; anyone expires them at once, refunding the owner
        await refused(await c.deliverIx(u1!), [u1!.agent.wallet], "CampaignNotActive");
        const e = await c.expire(u1!);
        assert.equal(e.events[0]?.data.toOwner, true);
        await c.expire(u2!);
        assert.equal(await c.owner.available(), owner0 + refund + 2n * 51_500n);
        assert.equal(await c.pool(), 0n);
        // Delivered work: the owner accepts one, rejects the other (refund to the owner)
        await c.accept(d1!);
        assert.equal(await d1!.agent.available(), 50_000n);
        const rj = await c.reject(d2!);
        assert.equal(rj.events[0]?.data.toOwner, true);
        assert.equal(await c.owner.available(), owner0 + refund + 3n * 51_500n);
        await assertMoneyInvariants(p);
        // Then anyone closes it; rent goes back to its payer
        const payerBefore = await lamports(c.rentPayer);
        const cl = await p.send(await c.closeIx(), []);
        expectOk(cl, "close");
        assert.deepEqual(eventNames(cl), ["campaignClosed"]);
        assert.ok((await lamports(c.rentPayer)) - payerBefore > 0n);
        assert.equal(await c.state(), null);
        // and the quotas can be closed now
        const q = await p.send(await c.closeQuotaIx(agents[0]!), []);
        expectOk(q, "close_quota");
        assert.deepEqual(eventNames(q), ["quotaClosed"]);
        assert.equal(await c.quotaState(agents[0]!), null);
        await assertMoneyInvariants(p);
      });

      it("after a cancel, a delivery under review is paid once its review window passes", async () => {
        const c = await openCampaign(p, { autoAccept: false });
        const [a] = await claimants(p, 1);
        const t = await c.claim(a!);
        await c.deliver(t);
        await c.cancel();
        await warpBy(p, 300n);
        await c.accept(t, await solWallet(p));
        assert.equal(await a!.available(), 50_000n);
        await c.close();
        await assertMoneyInvariants(p);
      });

      it("lets anyone cancel once the campaign has ended, but not before", async () => {
        const c = await openCampaign(p, { durationDays: 1 });
        const stranger = await solWallet(p);
        const endsAt = num((await c.mustState()).endsAt);
        await p.chain.warpTo(endsAt - 1n);
        await refused(await c.cancelIx(stranger.publicKey), [stranger], "DeadlineNotReached");
        await p.chain.warpTo(endsAt);
        const before = await c.owner.available();
        await c.cancel(stranger);
        assert.equal(await c.owner.available(), before + 10_000_000n);
        await assertMoneyInvariants(p);
      });

      it("refuses a second cancel, another ledger, a wrong rent payer and a missing signature", async () => {
        const c = await openCampaign(p);
        const [a] = await claimants(p, 1);
        await refused(await c.cancelIx(c.owner.key, { ownerAgent: a!.ledger }), [c.owner.wallet], "PartyMismatch");
        await refused(await c.cancelIx(c.owner.key, { rentPayer: a!.key }), [c.owner.wallet], "RentPayerMismatch");
        const ix = await c.cancelIx();
        ix.keys[0]!.isSigner = false;
        await refused(ix, [], "MissingSigner");
        await c.claim(a!);
        await c.cancel();
        await refused(await c.cancelIx(), [c.owner.wallet], "InvalidStatus");
      });

      it("refuses to close an active campaign, a quota of a live campaign, or to pay rent elsewhere", async () => {
        const c = await openCampaign(p);
        const [a] = await claimants(p, 1);
        await c.deliver(await c.claim(a!));
        await refused(await c.closeIx(), [], "InvalidStatus");
        await refused(await c.closeQuotaIx(a!), [], "InvalidStatus");
        await c.cancel();
        const other = await openCampaign(p);
        await refused(await c.closeQuotaIx(a!, undefined, { campaign: other.address }), [], "PartyMismatch");
        await refused(await c.closeQuotaIx(a!, Keypair.generate().publicKey), [], "RentPayerMismatch");
        expectOk(await p.send(await c.closeQuotaIx(a!), []), "close_quota");
      });

      it("a cancelled campaign's expiry refunds only its own owner", async () => {
        const c = await openCampaign(p);
        const [a] = await claimants(p, 1);
        const t = await c.claim(a!);
        await c.cancel();
        await refused(await c.expireIx(t, { ownerAgent: a!.ledger }), [], "PartyMismatch");
      });
    });

    describe("completion", () => {
      it("completes when the pool cannot pay a task and nothing is in progress, not before", async () => {
        // Given a pool of 2.5 tasks
        const c = await openCampaign(p, { budget: 128_750n, maxPerAgent: 5, autoAccept: false });
        const [a] = await claimants(p, 1);
        const t1 = await c.claim(a!);
        const t2 = await c.claim(a!);
        assert.equal(await c.pool(), 25_750n);
        await c.deliver(t1);
        let r = await c.accept(t1);
        assert.deepEqual(eventNames(r), ["taskPaid"]);
        assert.equal(await c.status(), "active");
        // A rejection refills the pool
        await c.deliver(t2);
        await c.reject(t2);
        assert.equal(await c.status(), "active");
        const t3 = await c.claim(a!);
        await c.deliver(t3);
        r = await c.accept(t3);
        assert.deepEqual(eventNames(r), ["taskPaid", "campaignCompleted"]);
        assert.equal(await c.status(), "completed");
        assert.equal(await c.pool(), 25_750n);
        // The remainder goes home with a cancel
        const before = await c.owner.available();
        await c.cancel();
        assert.equal(await c.owner.available(), before + 25_750n);
        await assertMoneyInvariants(p);
      });
    });

    it("fees are computed at creation: 3 % rounded down", async () => {
      for (const [reward, fee] of [
        [1_000n, 30n],
        [1_033n, 30n],
        [50_000n, 1_500n],
        [500_000n, 15_000n],
        [1_234_567n, 37_037n],
      ] as const) {
        assert.equal(feeOf(reward), fee);
        const c = await openCampaign(p, { reward, budget: reward * 2n });
        assert.equal(num((await c.mustState()).fee), fee);
      }
    });
  });
}

/** Flips `config.paused` by rewriting the account, as an admin instruction would. */
async function setPlatformPaused(p: Platform, paused: boolean): Promise<void> {
  const account = await p.chain.getAccount(p.config);
  const config = await p.account<Decoded>("config", p.config);
  const data = await p.program.coder.accounts.encode("config", { ...config, paused: paused ? 1 : 0 });
  await p.chain.setAccount(p.config, { ...account!, data });
}

/** A valid bump other than the canonical one for the agent's quota, or -1. */
function otherValidBump(c: TestCampaign, a: TestAgent): number {
  return validBumpBelow(
    [Buffer.from("quota"), c.address.toBuffer(), a.key.toBuffer()],
    c.quota(a).bump,
    c.p.program.programId,
  );
}
