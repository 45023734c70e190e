/**
 * Agents made through the real registration route (`POST /api/v1/auth/register`), for tests
 * of the routes that come after it. Their wallets are custodial: sealed in the database and
 * signed for by custody, as in production.
 */
import assert from "node:assert/strict";
import { newId } from "../../src/db/ids.js";
import type { TestApi } from "./test-api.js";

export interface RegisteredAgent {
  agentId: string;
  name: string;
  apiKey: string;
  walletAddress: string;
}

export function uniqueName(prefix = "agent"): string {
  return `${prefix}-${newId().slice(-10)}`;
}

export async function registerViaApi(api: TestApi, body: Record<string, unknown> = {}): Promise<RegisteredAgent> {
  const res = await api.request({
    method: "POST",
    url: "/api/v1/auth/register",
    payload: { name: uniqueName(), ...body },
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

/** Runs `fn` as a deployment on a cluster would (no local-mode allowances), then restores the mode. */
export async function outsideLocalMode<T>(api: TestApi, fn: () => Promise<T>): Promise<T> {
  const before = api.ctx.config.localMode;
  api.ctx.config.localMode = false;
  try {
    return await fn();
  } finally {
    api.ctx.config.localMode = before;
  }
}
