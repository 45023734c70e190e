import { readFileSync } from "node:fs";
import { Keypair, PublicKey, SystemProgram, Transaction, type TransactionInstruction } from "@solana/web3.js";
import { Clock, type ProgramTestContext, start } from "solana-bankrun";
import { customErrorFromLogs } from "../../sdk/src/program/errors.js";
import type { AccountState, ChainFactory, TestChain, TxResult } from "./chain.js";

// bankrun echoes every program log line to stderr unless told otherwise; results carry them.
process.env.RUST_LOG ??= "error";

class BankrunChain implements TestChain {
  readonly name = "bankrun" as const;
  readonly payer: Keypair;
  constructor(
    private readonly ctx: ProgramTestContext,
    readonly programId: PublicKey,
  ) {
    this.payer = ctx.payer;
  }

  /**
   * Signatures already sent. bankrun keeps one blockhash until the slot advances, so sending
   * the same instructions twice (a retry after a refusal, the same address set twice) would
   * be refused as "already processed" instead of reaching the program.
   */
  private readonly sent = new Set<string>();

  private async signed(instructions: TransactionInstruction[], signers: Keypair[]): Promise<Transaction> {
    const tx = new Transaction().add(...instructions);
    [tx.recentBlockhash] = (await this.ctx.banksClient.getLatestBlockhash()) ?? [this.ctx.lastBlockhash];
    tx.feePayer = this.payer.publicKey;
    tx.sign(this.payer, ...signers.filter((s) => !s.publicKey.equals(this.payer.publicKey)));
    return tx;
  }

  /** A new slot, hence a new blockhash, with the clock's unix time left where tests put it. */
  private async nextBlockhash(): Promise<void> {
    const c = await this.ctx.banksClient.getClock();
    const bankSlot = await this.ctx.banksClient.getSlot();
    // warpTo advances only the Clock's slot, so the bank may be behind it (bigints: no Math.max).
    let slot = c.slot;
    if (bankSlot > slot) slot = bankSlot;
    slot += 1n;
    this.ctx.warpToSlot(slot);
    this.ctx.setClock(new Clock(slot, c.epochStartTimestamp, c.epoch, c.leaderScheduleEpoch, c.unixTimestamp));
  }

  async send(instructions: TransactionInstruction[], signers: Keypair[]): Promise<TxResult> {
    let tx = await this.signed(instructions, signers);
    if (this.sent.has(tx.signature!.toString("base64"))) {
      await this.nextBlockhash();
      tx = await this.signed(instructions, signers);
    }
    this.sent.add(tx.signature!.toString("base64"));
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
const BPF_LOADER_2 = new PublicKey("BPFLoader2111111111111111111111111111111111");

export const startBankrun: ChainFactory = async (_programId: PublicKey, programPath: string) => {
  shared ??= start([], []);
  const ctx = await shared;
  const programId = Keypair.generate().publicKey;
  const elf = readFileSync(programPath);
  ctx.setAccount(programId, { executable: true, owner: BPF_LOADER_2, lamports: 1_000_000_000, data: elf });
  return new BankrunChain(ctx, programId);
};

export const newKeypair = () => Keypair.generate();
