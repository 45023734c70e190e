/**
 * A LocalChain served as a Solana RPC node: HTTP JSON-RPC plus the WebSocket pubsub on one port,
 * with a node's semantics (the methods are documented in methods.ts). It answers exactly what
 * web3.js's `Connection` needs for RpcChain, the indexer and the auditor helpers:
 * getLatestBlockhash, sendTransaction, getSignatureStatuses, getAccountInfo,
 * getMultipleAccounts, getProgramAccounts, getSlot, getBlockHeight, getSignaturesForAddress,
 * getTransaction (json and jsonParsed), getRecentPrioritizationFees, Helius's
 * getPriorityFeeEstimate, and the account/program/logs subscriptions.
 *
 * Why it exists:
 * - `npm start` in local mode serves its chain with it, so that anyone can check the escrow
 *   with their own tools (`justpay audit --rpc …`, a web3.js script) without trusting the API,
 *   exactly as they would against a cluster;
 * - no real Solana node is reachable from where the tests run, and RpcChain must still be
 *   tested through the real `Connection`, over real HTTP and WebSocket. For that it also
 *   injects the faults a real node produces at will: dropped sends and dropped sockets.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { LocalChain } from "../index.js";
import { methods, type StandInState } from "./methods.js";
import { PriorityFeeHistory } from "./priority-fees.js";
import { PubSub } from "./pubsub.js";
import { RpcError } from "./rpc-error.js";

export interface ChainRpcServer {
  url: string;
  wsUrl: string;
  /** Accept the next `count` sendTransaction calls without executing them. */
  dropSends(count: number): void;
  /** How many times a signature was sent (first send plus re-broadcasts). */
  sendsOf(signature: string): number;
  /** Terminates every WebSocket connection, as a network failure would. */
  dropWebSockets(): void;
  /** JSON-RPC calls served, by method. */
  calls: Map<string, number>;
  state: StandInState;
  close(): Promise<void>;
}

interface JsonRpcRequest {
  id: number | string | null;
  method: string;
  params?: unknown[];
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export interface ChainRpcOptions {
  /** Default 127.0.0.1: the chain accepts transactions from whoever reaches it. */
  host?: string;
  /** Default 0, a free port. */
  port?: number;
  /** What getPriorityFeeEstimate (a Helius method) answers (default 0). */
  heliusPriorityFee?: number;
}

export async function serveChainRpc(chain: LocalChain, options: ChainRpcOptions = {}): Promise<ChainRpcServer> {
  const host = options.host ?? "127.0.0.1";
  const fees = new PriorityFeeHistory();
  const stopFees = chain.onTransaction((tx) => fees.record(tx));
  const state: StandInState = {
    chain,
    fees,
    dropSends: 0,
    sends: new Map(),
    heliusPriorityFee: options.heliusPriorityFee ?? 0,
  };
  const table = methods(state);
  const calls = new Map<string, number>();

  const answer = async (req: JsonRpcRequest) => {
    calls.set(req.method, (calls.get(req.method) ?? 0) + 1);
    const handler = table[req.method];
    try {
      if (!handler) throw new RpcError(-32601, `Method not found: ${req.method}`);
      return { jsonrpc: "2.0", id: req.id, result: await handler(req.params ?? []) };
    } catch (e) {
      const error = e instanceof RpcError ? e : new RpcError(-32603, String(e));
      return { jsonrpc: "2.0", id: req.id, error: { code: error.code, message: error.message, data: error.data } };
    }
  };

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const body = JSON.parse(await readBody(req)) as JsonRpcRequest | JsonRpcRequest[];
      const reply = Array.isArray(body) ? await Promise.all(body.map(answer)) : await answer(body);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(reply));
    })().catch((e) => {
      res.writeHead(500);
      res.end(String(e));
    });
  });
  // Long keep-alive: a socket the server closes as the client reuses it fails the request.
  server.keepAliveTimeout = 60_000;
  const pubsub = new PubSub(server, chain);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const authority = `${host.includes(":") ? `[${host}]` : host}:${port}`;

  return {
    url: `http://${authority}/`,
    wsUrl: `ws://${authority}/`,
    dropSends: (count) => {
      state.dropSends = count;
    },
    sendsOf: (signature) => state.sends.get(signature) ?? 0,
    dropWebSockets: () => pubsub.dropConnections(),
    calls,
    state,
    close: async () => {
      stopFees();
      await pubsub.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
