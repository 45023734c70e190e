/**
 * The node's WebSocket side: accountSubscribe, programSubscribe and logsSubscribe (with
 * `mentions`), fed by every transaction LocalChain commits, with a node's filtering:
 * - a failed transaction stores (and so notifies) only its fee payer;
 * - programSubscribe reports accounts the program owns after the transaction, so a closed
 *   account is never reported there (solana-labs/solana#25097), while accountSubscribe
 *   reports it as a zero-lamport system account.
 */
import type { Server } from "node:http";
import { type WebSocket, WebSocketServer } from "ws";
import type { CommittedTransaction, LocalChain } from "../index.js";
import { toChainAccount } from "../svm-accounts.js";
import { deletedAccount, rpcAccount } from "./encode.js";

type Subscription =
  | { kind: "account"; socket: WebSocket; address: string }
  | { kind: "program"; socket: WebSocket; program: string }
  | { kind: "logs"; socket: WebSocket; mentions: string | null };

interface Request {
  id?: number | string;
  method?: string;
  params?: unknown[];
}

export class PubSub {
  private readonly wss: WebSocketServer;
  private readonly subscriptions = new Map<number, Subscription>();
  private nextId = 1;
  private readonly stopFeed: () => void;

  constructor(server: Server, chain: LocalChain) {
    this.wss = new WebSocketServer({ server });
    this.wss.on("connection", (socket) => {
      socket.on("message", (raw) => this.onMessage(socket, String(raw)));
      socket.on("close", () => {
        for (const [id, sub] of this.subscriptions) if (sub.socket === socket) this.subscriptions.delete(id);
      });
    });
    this.stopFeed = chain.onTransaction((tx) => this.publish(tx));
  }

  get subscriptionCount(): number {
    return this.subscriptions.size;
  }

  /** Kills every connection abruptly (code 1006), as a network failure would. */
  dropConnections(): void {
    for (const socket of this.wss.clients) socket.terminate();
  }

  async close(): Promise<void> {
    this.stopFeed();
    this.dropConnections();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private onMessage(socket: WebSocket, raw: string): void {
    let req: Request;
    try {
      req = JSON.parse(raw) as Request;
    } catch {
      return;
    }
    if (req.id === undefined) return; // notifications such as web3.js's "ping"
    const reply = (body: object) => socket.send(JSON.stringify({ jsonrpc: "2.0", id: req.id, ...body }));
    const params = req.params ?? [];
    const subscription = this.parseSubscription(socket, req.method, params);
    if (subscription) {
      const id = this.nextId++;
      this.subscriptions.set(id, subscription);
      reply({ result: id });
    } else if (req.method?.endsWith("Unsubscribe")) {
      reply({ result: this.subscriptions.delete(params[0] as number) });
    } else {
      reply({ error: { code: -32601, message: `Method not found: ${req.method}` } });
    }
  }

  private parseSubscription(socket: WebSocket, method: string | undefined, params: unknown[]): Subscription | null {
    switch (method) {
      case "accountSubscribe":
        return { kind: "account", socket, address: params[0] as string };
      case "programSubscribe":
        return { kind: "program", socket, program: params[0] as string };
      case "logsSubscribe": {
        const filter = params[0] as { mentions?: string[] } | string;
        return { kind: "logs", socket, mentions: typeof filter === "object" ? (filter.mentions?.[0] ?? null) : null };
      }
      default:
        return null;
    }
  }

  private publish(tx: CommittedTransaction): void {
    const context = { slot: tx.slot };
    const stored = tx.err === null ? tx.writes : tx.writes.filter((w) => w.address === tx.accountKeys[0]);
    for (const [id, sub] of this.subscriptions) {
      const notify = (method: string, value: unknown) =>
        sub.socket.send(
          JSON.stringify({ jsonrpc: "2.0", method, params: { subscription: id, result: { context, value } } }),
        );
      if (sub.kind === "account") {
        const w = stored.find((x) => x.address === sub.address);
        if (w) notify("accountNotification", w.after ? rpcAccount(toChainAccount(w.address, w.after)) : deletedAccount);
      } else if (sub.kind === "program") {
        for (const w of stored) {
          if (w.after?.owner !== sub.program) continue;
          notify("programNotification", { pubkey: w.address, account: rpcAccount(toChainAccount(w.address, w.after)) });
        }
      } else if (sub.mentions === null || tx.accountKeys.includes(sub.mentions)) {
        notify("logsNotification", { signature: tx.signature, err: tx.err, logs: tx.logs });
      }
    }
  }
}
