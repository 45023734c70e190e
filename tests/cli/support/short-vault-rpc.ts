/**
 * A JSON-RPC node that under-reports one token account: it forwards every call to a real
 * endpoint (the RPC stand-in over the test chain) and, in answers about `vault`, lowers the
 * SPL amount by `shortBy`. It stands for a vault drained behind the program's back, which no
 * instruction of the program can produce, so the audit's failure path can run against an
 * otherwise real platform.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** SPL token account layout: mint (32), owner (32), then the u64 amount. */
const AMOUNT_OFFSET = 64;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function lower(data: [string, string], shortBy: bigint): [string, string] {
  const bytes = Buffer.from(data[0], "base64");
  bytes.writeBigUInt64LE(bytes.readBigUInt64LE(AMOUNT_OFFSET) - shortBy, AMOUNT_OFFSET);
  return [bytes.toString("base64"), data[1]];
}

interface RpcCall {
  method: string;
  params?: unknown[];
}

interface RpcAnswer {
  result?: { value?: { data?: [string, string] } | null };
}

export async function startShortVaultRpc(
  upstream: string,
  vault: string,
  shortBy: bigint,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    answer(req).then(
      ({ status, text }) => res.writeHead(status, { "content-type": "application/json" }).end(text),
      (e: unknown) => res.writeHead(500).end(String(e)),
    );
  });
  const answer = async (req: IncomingMessage): Promise<{ status: number; text: string }> => {
    const body = await readBody(req);
    const upstreamRes = await fetch(upstream, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    const text = await upstreamRes.text();
    const call = JSON.parse(body) as RpcCall;
    let out = text;
    if (call.method === "getAccountInfo" && call.params?.[0] === vault) {
      const parsed = JSON.parse(text) as RpcAnswer;
      const value = parsed.result?.value;
      if (value?.data) value.data = lower(value.data, shortBy);
      out = JSON.stringify(parsed);
    }
    return { status: upstreamRes.status, text: out };
  };
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
