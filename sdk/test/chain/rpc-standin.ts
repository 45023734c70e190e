/**
 * A local stand-in for a Solana RPC node: HTTP JSON-RPC plus the WebSocket pubsub, answered
 * by a LocalChain.
 *
 * Why it exists: no real Solana node is reachable from where these tests run, and RpcChain
 * must still be tested through the real web3.js `Connection`, over real HTTP and WebSocket,
 * against the same contract as LocalChain. The stand-in implements exactly the methods
 * RpcChain uses (getLatestBlockhash, sendTransaction, getSignatureStatuses, getAccountInfo,
 * getMultipleAccounts, getProgramAccounts, getSlot, getBlockHeight, getSignaturesForAddress,
 * getTransaction (json and jsonParsed), getRecentPrioritizationFees, Helius's getPriorityFeeEstimate, and the
 * account/program/logs subscriptions) with a node's semantics, documented in standin/.
 * It also injects faults a real node produces at will: dropped sends and dropped sockets.
 *
 * To run the same contract tests against a real cluster instead, set SOLANA_RPC_URL (e.g.
 * https://api.devnet.solana.com) and SOLANA_PAYER_KEYPAIR (a funded keypair file); see
 * sdk/src/chain/README.md.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { LocalChain } from "../../src/chain/local/index.js";
import { methods, RpcError, type StandInState } from "./standin/methods.js";
import { PriorityFeeHistory } from "./standin/priority-fees.js";
import { PubSub } from "./standin/pubsub.js";

export interface RpcStandIn {
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

export async function startRpcStandIn(
  chain: LocalChain,
  options: { heliusPriorityFee?: number } = {},
): Promise<RpcStandIn> {
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
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    wsUrl: `ws://127.0.0.1:${port}/`,
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
