import { readFileSync } from "node:fs";
import { customErrorFromLogs } from "@justpay/sdk";
import {
  ComputeBudgetProgram,
  Keypair,
  type PublicKey,
  SystemProgram,
  Transaction,
  type TransactionInstruction,
} from "@solana/web3.js";
import { Clock, type ProgramTestContext, start } from "solana-bankrun";
import { type AccountState, type ChainFactory, deployUpgradeable, type TestChain, type TxResult } from "./chain.js";

// bankrun echoes every program log line to stderr unless told otherwise; results carry them.
process.env.RUST_LOG ??= "error";

class BankrunChain implements TestChain {
  readonly name = "bankrun" as const;
  readonly payer: Keypair;
  readonly upgradeAuthority = Keypair.generate();
  constructor(
    private readonly ctx: ProgramTestContext,
    readonly programId: PublicKey,
  ) {
    this.payer = ctx.payer;
  }

  /**
   * Signatures already sent. bankrun keeps one blockhash for the whole run (the bank never
   * advances a slot, and warping it re-verifies the accounts hash, which accounts written
   * with setAccount fail), so sending the same instructions twice (a retry after a refusal,
   * the same address set twice) would be refused as "already processed" instead of reaching
   * the program. A repeat gets a compute-unit limit instruction of its own, which changes
   * the signature and nothing else.
   */
  private static readonly sent = new Set<string>(); // the bank, hence its status cache, is shared
  private static repeats = 0;

  private signed(instructions: TransactionInstruction[], signers: Keypair[], blockhash: string): Transaction {
    const tx = new Transaction().add(...instructions);
    tx.recentBlockhash = blockhash;
    tx.feePayer = this.payer.publicKey;
    tx.sign(this.payer, ...signers.filter((s) => !s.publicKey.equals(this.payer.publicKey)));
    return tx;
  }

  async send(instructions: TransactionInstruction[], signers: Keypair[]): Promise<TxResult> {
    const [blockhash] = (await this.ctx.banksClient.getLatestBlockhash()) ?? [this.ctx.lastBlockhash];
    let tx = this.signed(instructions, signers, blockhash);
    while (BankrunChain.sent.has(tx.signature!.toString("base64"))) {
      const distinct = ComputeBudgetProgram.setComputeUnitLimit({ units: 1_400_000 - ++BankrunChain.repeats });
      tx = this.signed([distinct, ...instructions], signers, blockhash);
    }
    BankrunChain.sent.add(tx.signature!.toString("base64"));
    const r = await this.ctx.banksClient.tryProcessTransaction(tx);
    const logs = r.meta?.logMessages ?? [];
    const computeUnits = Number(r.meta?.computeUnitsConsumed ?? 0n);
    if (r.result === null) return { ok: true, logs, computeUnits };
    return { ok: false, error: String(r.result), errorCode: customErrorFromLogs(logs), logs, computeUnits };
  }

  async getAccount(address: PublicKey): Promise<AccountState | null> {
    const a = await this.ctx.banksClient.getAccount(address);
    if (!a || a.lamports === 0) return null;
    return { lamports: BigInt(a.lamports), owner: a.owner, data: Buffer.from(a.data), executable: a.executable };
  }

  async setAccount(address: PublicKey, account: AccountState): Promise<void> {
    this.ctx.setAccount(address, {
      lamports: Number(account.lamports),
      owner: account.owner,
      data: account.data,
      executable: account.executable ?? false,
    });
  }

  async now(): Promise<bigint> {
    return (await this.ctx.banksClient.getClock()).unixTimestamp;
  }

  async warpTo(unixTimestamp: bigint): Promise<void> {
    const c = await this.ctx.banksClient.getClock();
    const slot = c.slot + 1n;
    this.ctx.setClock(new Clock(slot, c.epochStartTimestamp, c.epoch, c.leaderScheduleEpoch, unixTimestamp));
  }

  async airdrop(address: PublicKey, lamports: bigint): Promise<void> {
    const r = await this.send(
      [SystemProgram.transfer({ fromPubkey: this.payer.publicKey, toPubkey: address, lamports })],
      [],
    );
    if (!r.ok) throw new Error(`airdrop failed: ${r.error}`);
  }

  async close(): Promise<void> {}
}

/**
 * One bankrun runtime per process. Each `start()` keeps its threads alive for good (bankrun
 * has no way to stop them), and idle runtimes burn CPU, so starting one per test made the
 * suite slower with every test. Tests stay isolated by deploying the program at a fresh
 * address each time: its config PDA, vault and every other account are then fresh too.
 */
let shared: Promise<ProgramTestContext> | undefined;

export const startBankrun: ChainFactory = async (_programId: PublicKey, programPath: string) => {
  shared ??= start([], []);
  const ctx = await shared;
  const chain = new BankrunChain(ctx, Keypair.generate().publicKey);
  await deployUpgradeable(chain, chain.programId, readFileSync(programPath), chain.upgradeAuthority.publicKey);
  return chain;
};

export const newKeypair = () => Keypair.generate();
