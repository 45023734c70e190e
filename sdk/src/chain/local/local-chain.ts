/**
 * `LocalChain`: the embedded chain. litesvm in-process with the escrow program (deployed with
 * the upgradeable loader, as on a cluster), a test USDC mint and a funded platform fee payer,
 * persisted in a data directory:
 *
 * - `transactions.jsonl`: every landed transaction, flushed before it is acknowledged;
 * - `snapshot.bin`: the whole svm state as of some log sequence, replaced atomically every
 *   `snapshotEvery` transactions, after clock changes, and on close;
 * - `keys.json`: the faucet, fee payer, mint and program upgrade authority keypairs.
 *
 * On open the snapshot is loaded and the log entries newer than it are re-applied from their
 * account images (see recovery.ts), so a crash loses no acknowledged transaction.
 */
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { lamports } from "@solana/kit";
import {
  type Keypair,
  PublicKey,
  SYSVAR_CLOCK_PUBKEY,
  SystemProgram,
  Transaction,
  type TransactionInstruction,
} from "@solana/web3.js";
import type { LiteSVM } from "litesvm";
import { BPF_LOADER_UPGRADEABLE_ID, PROGRAM_ID, upgradeableDeployment } from "../../program/index.js";
import { ChainClosedError, ChainError } from "../errors.js";
import type {
  Chain,
  ChainAccount,
  ChainListener,
  SendOutcome,
  SignatureInfo,
  SignatureStatus,
  SignedTransaction,
  TokenTransferScan,
  TransactionRecord,
} from "../port.js";
import { scanTokenTransfers } from "../token-transfers.js";
import { customErrorCode, formatTransactionError } from "../tx-error.js";
import { type SignedWire, signedWire } from "../wire.js";
import { BlockhashWindow } from "./blockhash-window.js";
import { ChainClock, type ClockMode } from "./clock.js";
import { type ExecutorContext, execute, type Simulation, simulate } from "./executor.js";
import { createMintInstructions, mintToOwnerInstructions } from "./faucet.js";
import { type LocalKeys, loadOrCreateKeys } from "./keys.js";
import { liteSvm } from "./litesvm-module.js";
import { lockDataDir } from "./lock.js";
import { type CommittedTransaction, type TransactionEntry, withoutWrites } from "./log-entry.js";
import { LogFile } from "./log-file.js";
import { Notifier, type TransactionListener } from "./notifier.js";
import { DEFAULT_PROGRAM_PATH } from "./program-binary.js";
import { applyEntry } from "./recovery.js";
import { SerialQueue } from "./serial-queue.js";
import { readSnapshot, writeSnapshot } from "./snapshot.js";
import { kitAddress, readImage, toChainAccount, writeImage } from "./svm-accounts.js";
import { transfersInto } from "./token-transfers.js";
import { type HistoryPage, TxLog } from "./tx-log.js";

export { DEFAULT_PROGRAM_PATH };

const LAMPORTS_PER_SOL = 1_000_000_000n;
const FAUCET_SOL = 500_000n * LAMPORTS_PER_SOL;
const FEE_PAYER_SOL = 10_000n * LAMPORTS_PER_SOL;

export interface LocalChainOptions {
  dataDir: string;
  /** The program binary, loaded on every open so a rebuilt program takes effect. */
  programPath?: string;
  programId?: PublicKey;
  /**
   * Write the program binary at `programId` on every open (default true). False starts with
   * no program there, for a chain the program is deployed on through the upgradeable loader's
   * own instructions (sdk/src/deploy); that deployment then persists like any other account.
   */
  preloadProgram?: boolean;
  /** "wall" (default): time follows the machine clock; "manual": only `warpTo` moves it. */
  clock?: ClockMode;
  /** Transactions between snapshots (default 100). Recovery replays at most this many. */
  snapshotEvery?: number;
  /** Flush the log to stable storage before acknowledging each transaction (default true). */
  durable?: boolean;
  /** Errors thrown by listeners, and snapshot failures, which must not fail a send. */
  onError?: (err: unknown) => void;
}

/** What `open` found on disk, for logs and tests. */
export interface OpenReport {
  created: boolean;
  /** Log entries newer than the snapshot that were re-applied. */
  replayed: number;
  /** Bytes of a torn final log line that were cut off. */
  discardedBytes: number;
  millis: number;
}

interface Paths {
  log: string;
  snapshot: string;
  keys: string;
}

/** What `open` assembles before the chain exists. */
interface Parts {
  svm: LiteSVM;
  programId: PublicKey;
  keys: LocalKeys;
  clock: ChainClock;
  blockhashes: BlockhashWindow;
  log: LogFile;
  history: TxLog;
  paths: Paths;
  options: LocalChainOptions;
  unlock: () => Promise<void>;
}

/**
 * Deploys the program with `upgradeAuthority` recorded (initialize_config checks it). Done on
 * every open, so a rebuilt binary takes effect.
 */
function deployProgram(svm: LiteSVM, programId: PublicKey, elf: Uint8Array, upgradeAuthority: PublicKey): void {
  const owner = BPF_LOADER_UPGRADEABLE_ID.toBase58();
  for (const { address, data, executable } of upgradeableDeployment(programId, elf, upgradeAuthority)) {
    const lamports = svm.minimumBalanceForRentExemption(BigInt(data.length));
    writeImage(svm, address.toBase58(), { lamports, owner, executable, data });
  }
}

function configure(svm: LiteSVM): LiteSVM {
  // Blockhash validity and duplicate detection are LocalChain's (BlockhashWindow, TxLog):
  // litesvm only accepts its latest blockhash, and its own history would bloat snapshots.
  return svm.withBlockhashCheck(false).withSigverify(true).withTransactionHistory(0n);
}

export class LocalChain implements Chain {
  readonly kind = "local" as const;
  readonly faucet: Keypair;
  readonly feePayer: Keypair;
  readonly usdcMint: PublicKey;
  /** The escrow program's upgrade authority, which alone may initialize the platform config. */
  readonly upgradeAuthority: Keypair;
  openReport!: OpenReport;

  private readonly queue = new SerialQueue();
  private readonly notifier: Notifier;
  private readonly ctx: ExecutorContext;
  private readonly snapshotEvery: number;
  private sinceSnapshot = 0;
  private closed = false;
  /** Set when the log could not be written: memory is then ahead of disk, so stop. */
  private failure: unknown;

  private readonly svm: LiteSVM;
  private readonly keys: LocalKeys;
  private readonly clock: ChainClock;
  private readonly blockhashes: BlockhashWindow;
  private readonly log: LogFile;
  private readonly history: TxLog;
  private readonly paths: Paths;
  private readonly options: LocalChainOptions;
  private readonly unlock: () => Promise<void>;
  readonly programId: PublicKey;

  private constructor(parts: Parts) {
    this.svm = parts.svm;
    this.keys = parts.keys;
    this.clock = parts.clock;
    this.blockhashes = parts.blockhashes;
    this.log = parts.log;
    this.history = parts.history;
    this.paths = parts.paths;
    this.options = parts.options;
    this.unlock = parts.unlock;
    this.programId = parts.programId;
    this.faucet = this.keys.faucet;
    this.feePayer = this.keys.feePayer;
    this.upgradeAuthority = this.keys.upgradeAuthority;
    this.usdcMint = this.keys.usdcMint.publicKey;
    this.snapshotEvery = Math.max(1, this.options.snapshotEvery ?? 100);
    const onError = this.options.onError ?? ((e: unknown) => console.error("LocalChain:", e));
    this.notifier = new Notifier(this.programId, onError);
    const history = this.history;
    this.ctx = {
      svm: this.svm,
      clock: this.clock,
      blockhashes: this.blockhashes,
      isKnownSignature: (s) => history.get(s) !== undefined,
    };
    this.blockhashes.issue(this.svm.latestBlockhash());
  }

  static async open(options: LocalChainOptions): Promise<LocalChain> {
    const started = performance.now();
    await mkdir(options.dataDir, { recursive: true });
    const unlock = await lockDataDir(options.dataDir);
    let log: LogFile | undefined;
    try {
      const paths: Paths = {
        log: join(options.dataDir, "transactions.jsonl"),
        snapshot: join(options.dataDir, "snapshot.bin"),
        keys: join(options.dataDir, "keys.json"),
      };
      const programId = options.programId ?? PROGRAM_ID;
      const preload = options.preloadProgram ?? true;
      const program = preload ? await readFile(options.programPath ?? DEFAULT_PROGRAM_PATH) : undefined;
      const keys = await loadOrCreateKeys(paths.keys);
      const snapshot = await readSnapshot(paths.snapshot);
      // No snapshot means genesis never completed, so nothing was ever acknowledged: any log
      // left by an interrupted genesis is discarded and genesis starts over.
      if (!snapshot) await LogFile.remove(paths.log);
      const { LiteSVM } = liteSvm();
      const svm = configure(snapshot ? LiteSVM.fromBytes(snapshot.state) : new LiteSVM());
      if (program) deployProgram(svm, programId, program, keys.upgradeAuthority.publicKey);
      const clock = new ChainClock(svm, options.clock ?? "wall", BigInt(snapshot?.meta.clockOffset ?? "0"));
      const blockhashes = new BlockhashWindow(
        snapshot?.meta.blockHeightOffset ?? BlockhashWindow.offsetFor(clock.slot()),
      );
      const opened = await LogFile.open(paths.log, options.durable ?? true);
      log = opened.log;
      const { entries, discardedBytes } = opened.contents;

      const snapshotSeq = snapshot?.meta.seq ?? 0;
      const lastLogged = entries.at(-1)?.seq ?? snapshotSeq;
      if (lastLogged < snapshotSeq) {
        throw new ChainError(`${paths.log} ends at ${lastLogged}, before the snapshot (${snapshotSeq}): log damaged`);
      }
      const history = new TxLog((entries[0]?.seq ?? snapshotSeq + 1) - 1);
      let replayed = 0;
      for (const entry of entries) {
        history.add(withoutWrites(entry));
        if (entry.seq > snapshotSeq) {
          applyEntry(svm, clock, entry);
          replayed++;
        }
      }
      if (replayed > 0) svm.expireBlockhash(); // a blockhash no pre-crash client holds

      const chain = new LocalChain({ svm, programId, keys, clock, blockhashes, log, history, paths, options, unlock });
      if (!snapshot) await chain.genesis();
      else if (replayed > 0) await chain.writeSnapshot();
      chain.openReport = { created: !snapshot, replayed, discardedBytes, millis: performance.now() - started };
      return chain;
    } catch (e) {
      await log?.close();
      await unlock();
      throw e;
    }
  }

  /** First start: fund the faucet and fee payer, create the USDC mint with real instructions. */
  private async genesis(): Promise<void> {
    const now = BigInt(Math.floor(Date.now() / 1000));
    this.clock.set(this.clock.slot(), now);
    this.svm.airdrop(kitAddress(this.faucet.publicKey), lamports(FAUCET_SOL));
    this.svm.airdrop(kitAddress(this.feePayer.publicKey), lamports(FEE_PAYER_SOL));
    const rent = this.svm.minimumBalanceForRentExemption(82n);
    const ixs = createMintInstructions(this.faucet.publicKey, this.usdcMint, this.faucet.publicKey, rent);
    const outcome = await this.sendInternal(ixs, [this.faucet, this.keys.usdcMint]);
    if (outcome.err) throw new ChainError(`creating the USDC mint failed: ${outcome.err}`);
    await this.queue.run(() => this.writeSnapshot());
  }

  // ---- Chain port -------------------------------------------------------------------------

  async latestBlockhash(): Promise<{ blockhash: string; lastValidBlockHeight: number }> {
    this.assertOpen();
    const blockhash = this.currentBlockhash();
    return { blockhash, lastValidBlockHeight: this.blockhashes.lastValidBlockHeight(blockhash)! };
  }

  /**
   * Executes at once; every landed transaction is final, so `commitment` changes nothing.
   * Sending a transaction that already landed returns its recorded outcome without executing
   * it again, as re-broadcasting it to a node does.
   */
  async sendTransaction(tx: SignedTransaction): Promise<SendOutcome> {
    this.assertOpen();
    const signed = signedWire(tx);
    const c = await this.queue.run(() => this.history.get(signed.signature) ?? this.commit(signed));
    return {
      signature: c.signature,
      slot: c.slot,
      err: formatTransactionError(c.err),
      errorCode: customErrorCode(c.err, c.logs),
      logs: c.logs,
      computeUnits: c.computeUnits,
    };
  }

  async getSignatureStatus(signature: string): Promise<SignatureStatus | null> {
    const e = this.history.get(signature);
    return e ? { slot: e.slot, confirmationStatus: "finalized", err: formatTransactionError(e.err) } : null;
  }

  async getSlot(): Promise<number> {
    return this.clock.slot();
  }

  async getAccount(address: PublicKey): Promise<ChainAccount | null> {
    this.assertOpen();
    // The Clock sysvar is brought up to date lazily; reading it is one of the moments.
    if (address.equals(SYSVAR_CLOCK_PUBKEY)) this.clock.refresh();
    const image = readImage(this.svm, address.toBase58());
    return image ? toChainAccount(address, image) : null;
  }

  async getMultipleAccounts(addresses: PublicKey[]): Promise<(ChainAccount | null)[]> {
    return Promise.all(addresses.map((a) => this.getAccount(a)));
  }

  async getProgramAccounts(owner: PublicKey): Promise<{ slot: number; accounts: ChainAccount[] }> {
    this.assertOpen();
    const accounts = this.svm
      .getProgramAccounts(kitAddress(owner))
      .filter((a) => a.lamports > 0n)
      .map((a) =>
        toChainAccount(a.address, {
          lamports: a.lamports,
          owner: a.programAddress,
          executable: a.executable,
          data: Buffer.from(a.data),
        }),
      );
    return { slot: this.clock.slot(), accounts };
  }

  async getSignaturesForAddress(address: PublicKey, options?: HistoryPage): Promise<SignatureInfo[]> {
    return this.history.forAddress(address.toBase58(), options).map((e) => ({
      signature: e.signature,
      slot: e.slot,
      err: formatTransactionError(e.err),
      blockTime: e.blockTime,
    }));
  }

  async getTransaction(signature: string): Promise<TransactionRecord | null> {
    const e = this.history.get(signature);
    if (!e) return null;
    return {
      signature: e.signature,
      slot: e.slot,
      err: formatTransactionError(e.err),
      blockTime: e.blockTime,
      logs: e.logs,
      computeUnits: e.computeUnits,
      accountKeys: e.accountKeys.map((k) => new PublicKey(k)),
    };
  }

  async getTokenTransfersInto(
    tokenAccount: PublicKey,
    options: { until?: string; limit?: number } = {},
  ): Promise<TokenTransferScan> {
    this.assertOpen();
    const address = tokenAccount.toBase58();
    return scanTokenTransfers(
      (page) => this.getSignaturesForAddress(tokenAccount, page),
      options,
      async (signatures) => signatures.map((s) => transfersInto(this.history.get(s.signature)!, address)),
    );
  }

  subscribe(listener: ChainListener): () => void {
    this.assertOpen();
    return this.notifier.subscribe(listener);
  }

  async unixTime(): Promise<bigint> {
    this.assertOpen();
    return this.clock.unixTime();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.idle();
    await this.notifier.flushed();
    try {
      if (this.failure === undefined) await this.writeSnapshot();
      await this.log.close();
    } finally {
      await this.unlock();
    }
  }

  // ---- Local extras -----------------------------------------------------------------------

  /** Sets the Clock sysvar's time (persisted at once). */
  async warpTo(unixTimestamp: bigint): Promise<void> {
    this.assertOpen();
    await this.queue.run(async () => {
      this.assertUsable();
      this.clock.warpTo(unixTimestamp);
      await this.writeSnapshot();
    });
  }

  /** Empty slots: the slot advances without transactions, so old blockhashes expire. */
  async skipSlots(count: number): Promise<void> {
    this.assertOpen();
    await this.queue.run(async () => {
      this.assertUsable();
      this.clock.skipSlots(count);
      this.blockhashes.skip(count);
      await this.writeSnapshot();
    });
  }

  /** Block height: advances with wall time (one block per 400 ms) and skipped slots. */
  async getBlockHeight(): Promise<number> {
    return this.blockhashes.height();
  }

  /** Mints test USDC to `owner`'s associated token account, creating it if needed. */
  async mintUsdc(owner: PublicKey, amount: bigint): Promise<{ signature: string; tokenAccount: PublicKey }> {
    const { tokenAccount, instructions } = mintToOwnerInstructions(this.faucet.publicKey, this.usdcMint, owner, amount);
    const outcome = await this.sendInternal(instructions, [this.faucet]);
    if (outcome.err) throw new ChainError(`minting USDC failed: ${outcome.err}\n${outcome.logs.join("\n")}`);
    return { signature: outcome.signature, tokenAccount };
  }

  /** Sends SOL from the faucet, as a logged transfer. */
  async airdrop(to: PublicKey, lamports: bigint): Promise<SendOutcome> {
    const ix = SystemProgram.transfer({ fromPubkey: this.faucet.publicKey, toPubkey: to, lamports });
    return this.sendInternal([ix], [this.faucet]);
  }

  /** Preflight: executes without committing. */
  async simulateTransaction(tx: SignedTransaction): Promise<Simulation> {
    this.assertOpen();
    const signed = signedWire(tx);
    return this.queue.run(() => {
      this.assertUsable();
      return simulate(this.ctx, signed);
    });
  }

  /** The full history record (wire bytes, balances) of a landed transaction. */
  getLoggedTransaction(signature: string): TransactionEntry | null {
    return this.history.get(signature) ?? null;
  }

  /** Every committed transaction with its account images, asynchronously and in order. */
  onTransaction(listener: TransactionListener): () => void {
    this.assertOpen();
    return this.notifier.onTransaction(listener);
  }

  /** Resolves once every notification published so far has reached the listeners. */
  notificationsDelivered(): Promise<void> {
    return this.notifier.flushed();
  }

  get dataDir(): string {
    return this.options.dataDir;
  }

  get transactionCount(): number {
    return this.history.size;
  }

  // ---- Internals --------------------------------------------------------------------------

  private async commit(signed: SignedWire): Promise<CommittedTransaction> {
    this.assertUsable();
    const tx = execute(this.ctx, signed, this.history.lastSeq + 1);
    try {
      await this.log.append(tx);
    } catch (e) {
      this.failure = e;
      throw new ChainError(`LocalChain stopped: the transaction log could not be written (${String(e)})`);
    }
    this.history.add(withoutWrites(tx));
    // A fresh blockhash after every transaction, so identical transactions built later differ.
    this.rotateBlockhash();
    this.notifier.publish(tx);
    if (++this.sinceSnapshot >= this.snapshotEvery) {
      // The log already holds this transaction durably; a failed snapshot only lengthens recovery.
      await this.writeSnapshot().catch((e) => (this.options.onError ?? console.error)(e));
    }
    return tx;
  }

  private async sendInternal(instructions: TransactionInstruction[], signers: Keypair[]): Promise<SendOutcome> {
    const tx = new Transaction({ feePayer: signers[0]!.publicKey, recentBlockhash: this.currentBlockhash() });
    tx.add(...instructions).sign(...signers);
    return this.sendTransaction(tx);
  }

  /** The latest blockhash, renewed when the block height has moved on since it was issued. */
  private currentBlockhash(): string {
    if (this.blockhashes.isStale(this.svm.latestBlockhash())) this.rotateBlockhash();
    return this.svm.latestBlockhash();
  }

  private rotateBlockhash(): void {
    this.svm.expireBlockhash();
    this.blockhashes.issue(this.svm.latestBlockhash());
  }

  /** Must run inside the queue so the state and its sequence number agree. */
  private async writeSnapshot(): Promise<void> {
    await writeSnapshot(this.paths.snapshot, {
      meta: {
        seq: this.history.lastSeq,
        clockOffset: this.clock.offset.toString(),
        blockHeightOffset: this.blockhashes.offset,
        programId: this.programId.toBase58(),
      },
      state: this.svm.toBytes(),
    });
    this.sinceSnapshot = 0;
  }

  private assertOpen(): void {
    if (this.closed) throw new ChainClosedError();
  }

  /** Inside the queue: tasks accepted before `close` still run, but not after a storage failure. */
  private assertUsable(): void {
    if (this.failure !== undefined) throw new ChainError(`LocalChain stopped after a storage failure: ${this.failure}`);
  }
}
