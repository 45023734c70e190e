/**
 * The HTTP JSON-RPC methods RpcChain (and helius-sdk's priority-fee call) use, answered from a
 * LocalChain with a node's semantics, including the ones that matter for sending:
 * - skipPreflight: the signature is verified, then the transaction is forwarded; one that
 *   cannot land (expired blockhash, duplicate) is dropped silently and only its missing status
 *   tells, exactly as on a cluster;
 * - preflight: it is simulated first, and a failure is a -32002 error carrying err and logs.
 */
import { getBase58Decoder } from "@solana/kit";
import { PublicKey, VersionedTransaction } from "@solana/web3.js";
import { BlockhashExpiredError, TransactionRejectedError } from "../../errors.js";
import { formatTransactionError } from "../../tx-error.js";
import type { LocalChain } from "../index.js";
import { accountFilter } from "./account-filters.js";
import { rpcAccount, rpcSignatureInfo, rpcStatus, rpcTransaction } from "./encode.js";
import { rpcParsedTransaction } from "./parsed.js";
import type { PriorityFeeHistory } from "./priority-fees.js";
import { RpcError } from "./rpc-error.js";

export interface StandInState {
  chain: LocalChain;
  fees: PriorityFeeHistory;
  /** sendTransaction calls still to drop (accept and never execute), to exercise re-broadcast. */
  dropSends: number;
  /** sendTransaction calls per signature. */
  sends: Map<string, number>;
  /** What getPriorityFeeEstimate (a Helius method) answers. */
  heliusPriorityFee: number;
}

type Params = unknown[];
type Config = { [key: string]: unknown } | undefined;

const key = (v: unknown) => new PublicKey(v as string);
const base58 = getBase58Decoder();

async function context(s: StandInState) {
  return { slot: await s.chain.getSlot(), apiVersion: "2.2.0" };
}

async function sendTransaction(s: StandInState, [encoded, config]: Params) {
  const c = (config ?? {}) as { encoding?: string; skipPreflight?: boolean };
  if (c.encoding !== "base64") throw new RpcError(-32602, "this node accepts base64 transactions only");
  const wire = Buffer.from(encoded as string, "base64");
  const signature = base58.decode(VersionedTransaction.deserialize(wire).signatures[0]!);
  s.sends.set(signature, (s.sends.get(signature) ?? 0) + 1);
  if (s.dropSends > 0) {
    s.dropSends--;
    return signature;
  }
  if (!c.skipPreflight) await preflight(s, wire);
  try {
    await s.chain.sendTransaction(wire);
  } catch (e) {
    if (e instanceof TransactionRejectedError && e.reason.startsWith("SignatureFailure")) {
      throw new RpcError(-32003, "Transaction signature verification failure");
    }
    if (!(e instanceof TransactionRejectedError || e instanceof BlockhashExpiredError)) throw e;
  }
  return signature;
}

async function preflight(s: StandInState, tx: Uint8Array) {
  let sim: Awaited<ReturnType<LocalChain["simulateTransaction"]>>;
  try {
    sim = await s.chain.simulateTransaction(tx);
  } catch (e) {
    if (e instanceof BlockhashExpiredError) {
      throw new RpcError(-32002, "Transaction simulation failed: Blockhash not found", {
        err: "BlockhashNotFound",
        logs: [],
      });
    }
    if (e instanceof TransactionRejectedError) {
      throw new RpcError(-32002, `Transaction simulation failed: ${e.reason}`, { err: e.reason, logs: e.logs });
    }
    throw e;
  }
  if (sim.err !== null) {
    throw new RpcError(-32002, `Transaction simulation failed: ${formatTransactionError(sim.err)}`, {
      err: sim.err,
      logs: sim.logs,
      unitsConsumed: sim.computeUnits,
      accounts: null,
    });
  }
}

export function methods(s: StandInState): Record<string, (params: Params) => Promise<unknown>> {
  return {
    getVersion: async () => ({ "solana-core": "2.2.0-justpay-localchain", "feature-set": 0 }),
    getHealth: async () => "ok",
    getSlot: async () => s.chain.getSlot(),
    getBlockHeight: async () => s.chain.getBlockHeight(),
    getLatestBlockhash: async () => ({ context: await context(s), value: await s.chain.latestBlockhash() }),
    sendTransaction: (params) => sendTransaction(s, params),
    getSignatureStatuses: async ([signatures]) => ({
      context: await context(s),
      value: (signatures as string[]).map((sig) => {
        const e = s.chain.getLoggedTransaction(sig);
        return e ? rpcStatus(e) : null;
      }),
    }),
    getAccountInfo: async ([address]) => ({
      context: await context(s),
      value: rpcAccount(await s.chain.getAccount(key(address))),
    }),
    getMultipleAccounts: async ([addresses]) => ({
      context: await context(s),
      value: (await s.chain.getMultipleAccounts((addresses as string[]).map(key))).map(rpcAccount),
    }),
    getProgramAccounts: async ([program, config]) => {
      const c = config as Config;
      const matches = accountFilter(c?.filters);
      const { slot, accounts } = await s.chain.getProgramAccounts(key(program));
      const value = accounts
        .filter((a) => matches(a.data))
        .map((a) => ({ pubkey: a.address.toBase58(), account: rpcAccount(a) }));
      return c?.withContext ? { context: { slot }, value } : value;
    },
    getSignaturesForAddress: async ([address, config]) => {
      const c = (config ?? {}) as { before?: string; until?: string; limit?: number };
      const infos = await s.chain.getSignaturesForAddress(key(address), c);
      return infos.map((i) => rpcSignatureInfo(s.chain.getLoggedTransaction(i.signature)!));
    },
    getTransaction: async ([signature, config]) => {
      const c = (config ?? {}) as { encoding?: string; maxSupportedTransactionVersion?: number };
      if (c.encoding !== undefined && c.encoding !== "json" && c.encoding !== "jsonParsed") {
        throw new RpcError(-32602, "json and jsonParsed encodings only");
      }
      const e = s.chain.getLoggedTransaction(signature as string);
      if (!e) return null;
      if (e.version !== "legacy" && c.maxSupportedTransactionVersion === undefined) {
        throw new RpcError(-32015, `Transaction version (${e.version}) is not supported by the requesting client.`);
      }
      return c.encoding === "jsonParsed" ? rpcParsedTransaction(s.chain, e) : rpcTransaction(e);
    },
    getRecentPrioritizationFees: async ([accounts]) => s.fees.recent((accounts as string[] | undefined) ?? []),
    getPriorityFeeEstimate: async () => ({ priorityFeeEstimate: s.heliusPriorityFee }),
  };
}
