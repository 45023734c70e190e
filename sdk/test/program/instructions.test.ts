/**
 * Every builder against Anchor's own `methods` builder on the same IDL: the same data, and
 * the same accounts in the same order with the same signer and writable flags. Anchor is the
 * reference here because it is what tests/support and the API build with.
 */
import assert from "node:assert/strict";
import { Keypair, PublicKey, type TransactionInstruction } from "@solana/web3.js";
import BN from "bn.js";
import { agentPda, campaignPda, escrowProgram, JustPayProgram, MissingAccountError } from "../../src/program/index.js";
import { buildInstruction } from "../../src/program/instructions.js";

const key = () => Keypair.generate().publicKey;
const hash = Array.from({ length: 32 }, (_, i) => i);

function sameInstruction(actual: TransactionInstruction, expected: TransactionInstruction) {
  assert.ok(actual.programId.equals(expected.programId));
  assert.deepEqual(actual.data, expected.data);
  const metas = (ix: TransactionInstruction) =>
    ix.keys.map((k) => ({ pubkey: k.pubkey.toBase58(), isSigner: k.isSigner, isWritable: k.isWritable }));
  assert.deepEqual(metas(actual), metas(expected));
}

describe("program instruction builders", () => {
  const programId = new PublicKey("11111111111111111111111111111112");
  const jp = new JustPayProgram({ programId, usdcMint: key() });
  const anchor = escrowProgram(programId);
  const ledger = (w: PublicKey) => agentPda(programId, w).address;
  const [payer, client, provider, operator, arbiter, rentPayer] = [key(), key(), key(), key(), key(), key()];
  const id = jp.usableJobId(client, 10n);
  const job = jp.jobAddress(client, id);

  it("create_job, direct and open", async () => {
    for (const open of [false, true]) {
      const built = jp.instructions.createJob({
        payer,
        client,
        operator,
        id,
        provider: open ? null : provider,
        amount: 500_000n,
        applyBy: open ? 100n : 0n,
        deliverBy: 200n,
        requiresAcceptance: !open,
      });
      const reference = await anchor.methods
        .createJob(
          new BN(id.toString()),
          open ? PublicKey.default : provider,
          new BN(500_000),
          new BN(open ? 100 : 0),
          new BN(200),
          !open,
          255,
        )
        .accountsPartial({
          payer,
          client,
          operator,
          clientAgent: ledger(client),
          config: jp.config,
          job,
          providerAgent: open ? programId : ledger(provider),
        })
        .instruction();
      sameInstruction(built, reference);
    }
  });

  it("the job's later steps", async () => {
    const cases: [TransactionInstruction, Promise<TransactionInstruction>][] = [
      [
        jp.instructions.assignProvider({ client, job, provider }),
        anchor.methods
          .assignProvider(provider)
          .accountsPartial({ client, job, providerAgent: ledger(provider) })
          .instruction(),
      ],
      [
        jp.instructions.acceptJob({ provider, job }),
        anchor.methods.acceptJob().accountsPartial({ provider, job }).instruction(),
      ],
      [
        jp.instructions.markDelivered({ provider, job, outputHash: hash }),
        anchor.methods.markDelivered(hash).accountsPartial({ provider, job, config: jp.config }).instruction(),
      ],
      [
        jp.instructions.release({ authority: client, job, provider, rentPayer }),
        anchor.methods
          .release()
          .accountsPartial({ authority: client, job, providerAgent: ledger(provider), config: jp.config, rentPayer })
          .instruction(),
      ],
      [
        jp.instructions.refund({ authority: client, job, client, rentPayer }),
        anchor.methods
          .refund()
          .accountsPartial({ authority: client, job, clientAgent: ledger(client), rentPayer })
          .instruction(),
      ],
      [
        jp.instructions.openDispute({ claimant: provider, operator, job, reasonHash: new Uint8Array(hash) }),
        anchor.methods
          .openDispute(hash)
          .accountsPartial({ claimant: provider, operator, claimantAgent: ledger(provider), job, config: jp.config })
          .instruction(),
      ],
      [
        jp.instructions.resolveDispute({ arbiter, job, client, provider, rentPayer, outcome: "split" }),
        anchor.methods
          .resolveDispute({ split: {} } as never)
          .accountsPartial({
            arbiter,
            job,
            clientAgent: ledger(client),
            providerAgent: ledger(provider),
            config: jp.config,
            rentPayer,
          })
          .instruction(),
      ],
    ];
    for (const [built, reference] of cases) sameInstruction(built, await reference);
  });

  it("the agent's deposit, withdrawal and panic", async () => {
    const [source, destination, owner] = [key(), key(), key()];
    const vault = jp.vault;
    const accounts = { wallet: client, agent: ledger(client), config: jp.config, vault, destination };
    sameInstruction(
      jp.instructions.registerAgent({ payer, wallet: client }),
      await anchor.methods
        .registerAgent()
        .accountsPartial({ payer, wallet: client, agent: ledger(client) })
        .instruction(),
    );
    sameInstruction(
      jp.instructions.deposit({ wallet: client, operator, source, vault, amount: 7n, sourceOwner: owner }),
      await anchor.methods
        .deposit(new BN(7), owner)
        .accountsPartial({ wallet: client, operator, agent: ledger(client), config: jp.config, source, vault })
        .instruction(),
    );
    sameInstruction(
      jp.instructions.withdraw({ wallet: client, vault, destination, amount: 9n }),
      await anchor.methods.withdraw(new BN(9)).accountsPartial(accounts).instruction(),
    );
    sameInstruction(
      jp.instructions.panic({ wallet: client, vault, destination }),
      await anchor.methods.panic().accountsPartial(accounts).instruction(),
    );
    sameInstruction(
      jp.instructions.setWithdrawalAddress({ wallet: client, address: owner }),
      await anchor.methods
        .setWithdrawalAddress(owner)
        .accountsPartial({ wallet: client, agent: ledger(client), config: jp.config })
        .instruction(),
    );
  });

  it("campaign create, claim and deliver", async () => {
    const campaign = campaignPda(programId, client, 3n);
    const terms = {
      reward: 100_000n,
      budget: 1_000_000n,
      maxPerAgent: 2,
      dailyLimit: 5,
      maxConcurrentClaims: 3,
      reviewTimeout: 3_600,
      claimTimeout: 600,
      durationDays: 7,
      autoAccept: true,
    };
    sameInstruction(
      jp.instructions.createCampaign({ payer, owner: client, id: 3n, ...terms }),
      await anchor.methods
        .createCampaign(new BN(3), new BN(100_000), new BN(1_000_000), 2, 5, 3, 3_600, 600, 7, true, campaign.bump)
        .accountsPartial({
          payer,
          owner: client,
          ownerAgent: ledger(client),
          config: jp.config,
          campaign: campaign.address,
        })
        .instruction(),
    );
    const quota = PublicKey.findProgramAddressSync(
      [Buffer.from("quota"), campaign.address.toBuffer(), provider.toBuffer()],
      programId,
    );
    const index = Buffer.alloc(4);
    index.writeUInt32LE(4);
    const task = PublicKey.findProgramAddressSync([Buffer.from("task"), quota[0].toBuffer(), index], programId);
    sameInstruction(
      jp.instructions.claimTask({ payer, wallet: provider, operator, campaign: campaign.address, claimIndex: 4 }),
      await anchor.methods
        .claimTask(task[1], quota[1])
        .accountsPartial({
          payer,
          wallet: provider,
          operator,
          agent: ledger(provider),
          config: jp.config,
          campaign: campaign.address,
          quota: quota[0],
          task: task[0],
        })
        .instruction(),
    );
    sameInstruction(
      jp.instructions.deliverTask({
        wallet: provider,
        campaign: campaign.address,
        task: task[0],
        rentPayer,
        outputHash: hash,
      }),
      await anchor.methods
        .deliverTask(hash)
        .accountsPartial({
          wallet: provider,
          campaign: campaign.address,
          task: task[0],
          agent: ledger(provider),
          config: jp.config,
          rentPayer,
        })
        .instruction(),
    );
  });

  it("a campaign task's settlement and the campaign's owner steps and cranks", async () => {
    const campaign = campaignPda(programId, client, 3n).address;
    const task = key();
    const ref = { campaign, task, rentPayer };
    const cases: [TransactionInstruction, Promise<TransactionInstruction>][] = [
      [
        jp.instructions.acceptTask({ ...ref, authority: client, agent: provider }),
        anchor.methods
          .acceptTask()
          .accountsPartial({ authority: client, campaign, task, agent: ledger(provider), config: jp.config, rentPayer })
          .instruction(),
      ],
      [
        jp.instructions.rejectTask({ ...ref, owner: client, reasonHash: hash }),
        anchor.methods
          .rejectTask(hash)
          .accountsPartial({ owner: client, campaign, task, ownerAgent: ledger(client), rentPayer })
          .instruction(),
      ],
      [
        jp.instructions.expireTask({ ...ref, owner: client }),
        anchor.methods
          .expireTask()
          .accountsPartial({ campaign, task, ownerAgent: ledger(client), rentPayer })
          .instruction(),
      ],
      [
        jp.instructions.topUpCampaign({ owner: client, campaign, amount: 9n }),
        anchor.methods
          .topUpCampaign(new BN(9))
          .accountsPartial({ owner: client, ownerAgent: ledger(client), config: jp.config, campaign })
          .instruction(),
      ],
      [
        jp.instructions.pauseCampaign({ owner: client, campaign }),
        anchor.methods.pauseCampaign().accountsPartial({ owner: client, campaign }).instruction(),
      ],
      [
        jp.instructions.resumeCampaign({ owner: client, campaign }),
        anchor.methods.resumeCampaign().accountsPartial({ owner: client, campaign }).instruction(),
      ],
      [
        jp.instructions.cancelCampaign({ authority: payer, owner: client, campaign, rentPayer }),
        anchor.methods
          .cancelCampaign()
          .accountsPartial({ authority: payer, campaign, ownerAgent: ledger(client), rentPayer })
          .instruction(),
      ],
      [
        jp.instructions.closeCampaign({ campaign, rentPayer }),
        anchor.methods.closeCampaign().accountsPartial({ campaign, rentPayer }).instruction(),
      ],
    ];
    for (const [built, reference] of cases) sameInstruction(built, await reference);
  });

  it("names the account a hand-built instruction is missing", () => {
    assert.throws(() => buildInstruction(anchor, "acceptJob", {}, { provider }), MissingAccountError);
    assert.throws(() => buildInstruction(anchor, "acceptJob", {}, { provider }), /account job is missing/);
  });
});
