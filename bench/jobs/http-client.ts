/**
 * A small JSON-over-HTTP client for the jobs bench: keep-alive sockets (one per concurrent
 * client, as an agent would hold), a JSON body in, the status and parsed body out. node:http
 * directly rather than fetch, so the load generator spends as little CPU per request as it can
 * on a machine whose two cores it shares with the server and Postgres.
 */
import { Agent, request } from "node:http";

export interface JsonResponse {
  status: number;
  body: any;
}

export class JsonClient {
  private readonly agent: Agent;
  private readonly url: URL;

  constructor(base: string, sockets: number) {
    this.url = new URL(base);
    this.agent = new Agent({ keepAlive: true, maxSockets: sockets });
  }

  call(method: string, path: string, bearer?: string, payload?: unknown, extra: Record<string, string> = {}) {
    const body = payload === undefined ? undefined : JSON.stringify(payload);
    const headers: Record<string, string | number> = { ...extra };
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    if (body !== undefined) {
      headers["content-type"] = "application/json";
      headers["content-length"] = Buffer.byteLength(body);
    }
    return new Promise<JsonResponse>((resolve, reject) => {
      const req = request(
        { host: this.url.hostname, port: this.url.port, path, method, headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            try {
              resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null });
            } catch {
              resolve({ status: res.statusCode ?? 0, body: text });
            }
          });
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  }

  /** Like `call`, but anything other than `expect` is thrown with the answer. */
  async ok(method: string, path: string, expect: number, bearer?: string, payload?: unknown, extra = {}) {
    const res = await this.call(method, path, bearer, payload, extra);
    if (res.status !== expect) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  close(): void {
    this.agent.destroy();
  }
}
