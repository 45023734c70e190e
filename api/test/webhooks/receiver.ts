/** A real HTTP server on loopback that records webhook requests and answers as scripted. */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, as a receiver must verify it. */
  body: string;
}

export interface Reply {
  status: number;
  delayMs?: number;
  headers?: Record<string, string>;
}

export class TestReceiver {
  readonly received: Received[] = [];
  /** Decides the answer to the n-th request (from 0). */
  reply: (n: number) => Reply = () => ({ status: 200 });

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(): Promise<TestReceiver> {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const receiver = new TestReceiver(server, (server.address() as AddressInfo).port);
    server.on("request", (req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const n = receiver.received.length;
        receiver.received.push({
          path: req.url ?? "",
          headers: req.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        });
        const { status, delayMs = 0, headers = {} } = receiver.reply(n);
        setTimeout(() => res.writeHead(status, headers).end("ok"), delayMs);
      });
    });
    return receiver;
  }

  url(host = "127.0.0.1", path = "/hook"): string {
    return `http://${host}:${this.port}${path}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }
}
