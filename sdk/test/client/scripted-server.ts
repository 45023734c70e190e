/**
 * A real HTTP server on loopback whose answers a test scripts one by one, recording every
 * request it received (method, URL, headers, body) for the test to assert on.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Scripted {
  status?: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string as is. */
  body?: unknown;
}

export class ScriptedServer {
  readonly received: Received[] = [];
  private readonly script: Array<Scripted | ((r: Received) => Scripted)> = [];
  private server?: Server;
  url = "";

  /** Queue answers, used in order; the last one repeats once the queue is down to it. */
  answer(...answers: Array<Scripted | ((r: Received) => Scripted)>): this {
    this.script.push(...answers);
    return this;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const received = {
          method: req.method ?? "",
          url: req.url ?? "",
          headers: req.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        };
        this.received.push(received);
        const next = (this.script.length > 1 ? this.script.shift() : this.script[0]) ?? { status: 404 };
        const a = typeof next === "function" ? next(received) : next;
        const isText = typeof a.body === "string";
        res.writeHead(a.status ?? 200, {
          ...(a.body === undefined ? {} : { "content-type": isText ? "text/plain" : "application/json" }),
          ...a.headers,
        });
        res.end(a.body === undefined ? undefined : isText ? (a.body as string) : JSON.stringify(a.body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** The received requests' bodies, parsed. */
  json(i: number): unknown {
    return JSON.parse(this.received[i]!.body);
  }
}
