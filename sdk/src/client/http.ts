/**
 * The client's transport: `fetch` only (Node 20 and browsers), the API key as a Bearer token,
 * JSON in and out, non-2xx answers as `JustPayApiError`, and 429s retried after the server's
 * `Retry-After` (seconds or an HTTP date) up to `maxRetries` times. A network failure is the
 * fetch error itself, never retried here: a money call may have reached the server.
 */
import { JustPayApiError } from "./errors.js";

export interface JustPayClientOptions {
  /** `http://127.0.0.1:3000`, with or without `/api/v1`. */
  baseUrl: string;
  /** Bearer key for the agent routes. */
  apiKey?: string;
  /** Bearer key for the `admin.*` routes. */
  adminKey?: string;
  /** Default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** How many times a 429 is retried (default 3). */
  maxRetries?: number;
}

export type Auth = "agent" | "admin";
export type QueryValue = string | number | bigint | boolean | null | undefined;

export interface RequestSpec {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Below `/api/v1`, e.g. `/jobs/abc`; or from the server's root with `root: true` (`/healthz`). */
  path: string;
  root?: boolean;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Which key to send; the agent key by default. */
  auth?: Auth;
  /** Sent as `Idempotency-Key`, the same on every retry of this call. */
  idempotencyKey?: string;
}

const DEFAULT_MAX_RETRIES = 3;
/** Without a Retry-After, wait 0.5 s, 1 s, 2 s, …  */
const BACKOFF_BASE_MS = 500;
/** A Retry-After longer than this is not waited out: the error goes to the caller. */
const MAX_RETRY_WAIT_MS = 60_000;

/** `Retry-After` in seconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null, nowMs = Date.now()): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, (at - nowMs) / 1000);
}

/** `http://h:3000/`, `http://h:3000/api/v1/` → the server's root, without a trailing slash. */
export function serverRoot(baseUrl: string): string {
  const trimmed = baseUrl.trim().replace(/\/+$/, "");
  return trimmed.endsWith("/api/v1") ? trimmed.slice(0, -"/api/v1".length) : trimmed;
}

/** A random UUID v4, from Web Crypto (Node 20 and browsers). */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === "function") return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class HttpTransport {
  readonly root: string;
  private readonly fetchImpl: typeof fetch;
  private readonly maxRetries: number;

  constructor(readonly options: JustPayClientOptions) {
    this.root = serverRoot(options.baseUrl);
    // Bound to globalThis: browsers refuse `fetch` called as a method of another object.
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  }

  url(spec: Pick<RequestSpec, "path" | "root" | "query">): string {
    const url = new URL(`${this.root}${spec.root ? "" : "/api/v1"}${spec.path}`);
    for (const [name, value] of Object.entries(spec.query ?? {})) {
      if (value !== undefined && value !== null) url.searchParams.set(name, String(value));
    }
    return url.toString();
  }

  async request<T>(spec: RequestSpec): Promise<T> {
    const url = this.url(spec);
    const headers: Record<string, string> = { accept: "application/json" };
    const key = spec.auth === "admin" ? this.options.adminKey : this.options.apiKey;
    if (key) headers.authorization = `Bearer ${key}`;
    if (spec.idempotencyKey) headers["idempotency-key"] = spec.idempotencyKey;
    let body: string | undefined;
    if (spec.body !== undefined) {
      body = JSON.stringify(spec.body);
      headers["content-type"] = "application/json";
    }
    for (let attempt = 0; ; attempt++) {
      const res = await this.fetchImpl(url, { method: spec.method, headers, body });
      const parsed = await readBody(res);
      if (res.ok) return parsed as T;
      const retryAfter = parseRetryAfter(res.headers.get("retry-after"));
      if (res.status === 429 && attempt < this.maxRetries) {
        const waitMs = retryAfter === undefined ? BACKOFF_BASE_MS * 2 ** attempt : retryAfter * 1000;
        if (waitMs <= MAX_RETRY_WAIT_MS) {
          await sleep(waitMs);
          continue;
        }
      }
      throw new JustPayApiError(res.status, errorMessage(res, parsed), parsed, retryAfter);
    }
  }
}

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text();
  if (text === "") return undefined;
  if (!(res.headers.get("content-type") ?? "").includes("json")) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function errorMessage(res: Response, body: unknown): string {
  if (body && typeof body === "object" && typeof (body as { error?: unknown }).error === "string")
    return (body as { error: string }).error;
  if (typeof body === "string" && body.trim() !== "") return body.trim().slice(0, 500);
  return `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}`;
}
