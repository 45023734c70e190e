/**
 * `RpcChain`: the port over a Solana JSON-RPC node (devnet, mainnet, or Helius) with web3.js's
 * `Connection`: HTTP for requests, the node's WebSocket for `subscribe`.
 *
 * Defaults match LocalChain's behaviour so the same contract holds for both: transactions are
 * sent without preflight, so one that fails lands and is recorded with its error and logs
 * (with `preflight: true` it is rejected up front instead, costing nothing but leaving no
 * trace).
 */
import { Connection, type PublicKey, SYSVAR_CLOCK_PUBKEY, type TransactionInstruction } from "@solana/web3.js";
import { PROGRAM_ID } from "../../program/index.js";
import { encodeBase58 } from "../base58.js";
import type {
  Chain,
  ChainAccount,
  ChainListener,
  Commitment,
  SendOutcome,
  SignatureInfo,
  SignatureStatus,
  SignedTransaction,
  TokenTransferScan,
  TransactionRecord,
} from "../port.js";
import { scanTokenTransfers } from "../token-transfers.js";
import { customErrorCode, formatTransactionError } from "../tx-error.js";
import { signedWire } from "../wire.js";
import { BlockhashCache } from "./blockhash-cache.js";
import { type EnhancedTransaction, Helius, type HeliusOptions, heliusFromEnv, heliusRpcUrl } from "./helius.js";
import { toChainAccount, toSignatureInfo, toSignatureStatus, toTransactionRecord } from "./mapping.js";
import {
  clampPrice,
  computeUnitPriceInstruction,
  type PriorityFeeOptions,
  recentComputeUnitPrice,
} from "./priority-fees.js";
import { retryingFetch } from "./retrying-fetch.js";
import { sendAndConfirm } from "./send.js";
import { type ProgramSubscription, shutdownWebSocket, subscribeProgram } from "./subscriptions.js";
import { fetchTransfersInto } from "./token-transfers.js";

export interface RpcChainOptions {
  /** HTTP JSON-RPC endpoint. Optional when `helius` is given. */
  rpcUrl?: string;
  /** WebSocket endpoint; by default web3.js derives it from `rpcUrl`. */
  wsUrl?: string;
  programId?: PublicKey;
  /** Default commitment for reads, sends and subscriptions (default "confirmed"). */
  commitment?: Commitment;
  /** Simulate before sending (default false, see the file comment). */
  preflight?: boolean;
  /** How often to poll a sent transaction's status (default 400 ms, one slot). */
  pollIntervalMs?: number;
  /** How often to re-broadcast a transaction still in flight (default 2 000 ms). */
  rebroadcastIntervalMs?: number;
  /** Use Helius: its endpoint (unless `rpcUrl` is set), priority fees, enhanced transactions. */
  helius?: HeliusOptions;
}

const MAX_ACCOUNTS_PER_REQUEST = 100;
const RECORD_ATTEMPTS = 10;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class RpcChain implements Chain {
  readonly kind = "rpc" as const;
  readonly programId: PublicKey;
  readonly connection: Connection;
  private readonly commitment: Commitment;
  private readonly blockhashes = new BlockhashCache();
  private readonly subscriptions = new Set<ProgramSubscription>();

  private constructor(
    private readonly options: RpcChainOptions,
    /** Present when a Helius key is configured. */
    readonly helius: Helius | null,
  ) {
    const rpcUrl = options.rpcUrl ?? (options.helius ? heliusRpcUrl(options.helius) : undefined);
    if (!rpcUrl) throw new Error("RpcChain needs rpcUrl or helius");
    this.programId = options.programId ?? PROGRAM_ID;
    this.commitment = options.commitment ?? "confirmed";
    this.connection = new Connection(rpcUrl, {
      commitment: this.commitment,
      wsEndpoint: options.wsUrl,
      fetch: retryingFetch(),
    });
  }

  static async connect(options: RpcChainOptions): Promise<RpcChain> {
    return new RpcChain(options, options.helius ? await Helius.create(options.helius) : null);
  }

  /** SOLANA_RPC_URL / SOLANA_WS_URL, and HELIUS_API_KEY (+ HELIUS_NETWORK) when set. */
  static async fromEnv(env: NodeJS.ProcessEnv = process.env, options: RpcChainOptions = {}): Promise<RpcChain> {
    return RpcChain.connect({
      rpcUrl: env.SOLANA_RPC_URL,
      wsUrl: env.SOLANA_WS_URL,
      helius: heliusFromEnv(env),
      ...options,
    });
  }

  async latestBlockhash(): Promise<{ blockhash: string; lastValidBlockHeight: number }> {
    const { blockhash, lastValidBlockHeight } = await this.connection.getLatestBlockhash(this.commitment);
    this.blockhashes.remember(blockhash, lastValidBlockHeight);
    return { blockhash, lastValidBlockHeight };
  }

  async sendTransaction(tx: SignedTransaction, commitment: Commitment = this.commitment): Promise<SendOutcome> {
    const { tx: wire, signature } = signedWire(tx);
    const blockhash = encodeBase58(wire.recentBlockhash);
    // A blockhash this chain did not hand out: the newest one's horizon bounds it from above,
    // so the wait ends, possibly later than necessary but never before the transaction is dead.
    const lastValidBlockHeight =
      this.blockhashes.lastValidBlockHeight(blockhash) ??
      (await this.connection.getLatestBlockhash(this.commitment)).lastValidBlockHeight;
    const status = await sendAndConfirm(
      this.connection,
      { wire: wire.bytes, signature, blockhash, lastValidBlockHeight },
      {
        commitment,
        preflight: this.options.preflight ?? false,
        pollIntervalMs: this.options.pollIntervalMs ?? 400,
        rebroadcastIntervalMs: this.options.rebroadcastIntervalMs ?? 2000,
      },
    );
    const record = await this.landedRecord(signature);
    const err = status.err ?? null;
    return {
      signature,
      slot: status.slot,
      err: formatTransactionError(err),
      errorCode: customErrorCode(err, record?.logs ?? []),
      logs: record?.logs ?? [],
      computeUnits: record?.computeUnits ?? 0,
    };
  }

  async getSignatureStatus(signature: string): Promise<SignatureStatus | null> {
    const res = await this.connection.getSignatureStatuses([signature], { searchTransactionHistory: true });
    const s = res.value[0];
    return s ? toSignatureStatus(s) : null;
  }

  async getSlot(commitment: Commitment = this.commitment): Promise<number> {
    return this.connection.getSlot(commitment);
  }

  async getAccount(address: PublicKey, commitment: Commitment = this.commitment): Promise<ChainAccount | null> {
    const info = await this.connection.getAccountInfo(address, { commitment });
    return info ? toChainAccount(address, info) : null;
  }

  async getMultipleAccounts(
    addresses: PublicKey[],
    commitment: Commitment = this.commitment,
  ): Promise<(ChainAccount | null)[]> {
    const out: (ChainAccount | null)[] = [];
    for (let i = 0; i < addresses.length; i += MAX_ACCOUNTS_PER_REQUEST) {
      const chunk = addresses.slice(i, i + MAX_ACCOUNTS_PER_REQUEST);
      const infos = await this.connection.getMultipleAccountsInfo(chunk, { commitment });
      out.push(...infos.map((info, j) => (info ? toChainAccount(chunk[j]!, info) : null)));
    }
    return out;
  }

  async getProgramAccounts(owner: PublicKey): Promise<{ slot: number; accounts: ChainAccount[] }> {
    const res = await this.connection.getProgramAccounts(owner, {
      commitment: this.commitment,
      encoding: "base64",
      withContext: true,
    });
    return {
      slot: res.context.slot,
      accounts: res.value.map(({ pubkey, account }) => toChainAccount(pubkey, account)),
    };
  }

  async getSignaturesForAddress(
    address: PublicKey,
    options?: { before?: string; until?: string; limit?: number },
  ): Promise<SignatureInfo[]> {
    const finality = this.commitment === "finalized" ? "finalized" : "confirmed";
    return (await this.connection.getSignaturesForAddress(address, options, finality)).map(toSignatureInfo);
  }

  async getTransaction(signature: string): Promise<TransactionRecord | null> {
    const r = await this.connection.getTransaction(signature, {
      commitment: this.commitment === "finalized" ? "finalized" : "confirmed",
      maxSupportedTransactionVersion: 0,
    });
    return r ? toTransactionRecord(signature, r) : null;
  }

  async getTokenTransfersInto(
    tokenAccount: PublicKey,
    options: { until?: string; limit?: number } = {},
  ): Promise<TokenTransferScan> {
    const finality = this.commitment === "finalized" ? "finalized" : "confirmed";
    return scanTokenTransfers(
      (page) => this.getSignaturesForAddress(tokenAccount, page),
      options,
      (signatures) => fetchTransfersInto(this.connection, finality, signatures, tokenAccount.toBase58()),
    );
  }

  subscribe(listener: ChainListener): () => void {
    const sub = subscribeProgram(this.connection, this.programId, this.commitment, listener);
    this.subscriptions.add(sub);
    return () => {
      this.subscriptions.delete(sub);
      void sub.stop();
    };
  }

  /** Resolves once every current subscription is live on the node. */
  async subscriptionsReady(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.ready));
  }

  /** The Clock sysvar's unix timestamp (offset 32 of its data). */
  async unixTime(): Promise<bigint> {
    const clock = await this.connection.getAccountInfo(SYSVAR_CLOCK_PUBKEY, { commitment: this.commitment });
    if (!clock) throw new Error("the node returned no Clock sysvar");
    return clock.data.readBigInt64LE(32);
  }

  async close(): Promise<void> {
    const subs = [...this.subscriptions];
    this.subscriptions.clear();
    await Promise.all(subs.map((s) => s.stop()));
    shutdownWebSocket(this.connection);
  }

  // ---- RPC extras -------------------------------------------------------------------------

  /** Micro-lamports per compute unit to bid for writing these accounts now. */
  async computeUnitPrice(writableAccounts: PublicKey[], options: PriorityFeeOptions = {}): Promise<number> {
    if (this.helius) {
      const estimate = await this.helius.priorityFee(writableAccounts.map((k) => k.toBase58()));
      if (estimate !== undefined) return clampPrice(estimate, options);
    }
    return recentComputeUnitPrice(this.connection, writableAccounts, options);
  }

  /** A SetComputeUnitPrice instruction at the current `computeUnitPrice`. */
  async priorityFeeInstruction(
    writableAccounts: PublicKey[],
    options: PriorityFeeOptions = {},
  ): Promise<TransactionInstruction> {
    return computeUnitPriceInstruction(await this.computeUnitPrice(writableAccounts, options));
  }

  /** Helius's parsed view of transactions; requires a Helius key. */
  async enhancedTransactions(signatures: string[]): Promise<EnhancedTransaction[]> {
    if (!this.helius) throw new Error("enhanced transactions need HELIUS_API_KEY");
    return this.helius.enhancedTransactions(signatures);
  }

  /** The landed transaction's record; a node may serve it a moment after its status. */
  private async landedRecord(signature: string): Promise<TransactionRecord | null> {
    for (let attempt = 0; attempt < RECORD_ATTEMPTS; attempt++) {
      const record = await this.getTransaction(signature);
      if (record) return record;
      await sleep(this.options.pollIntervalMs ?? 400);
    }
    return null;
  }
}
