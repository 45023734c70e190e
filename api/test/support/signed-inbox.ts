/**
 * A real webhook receiver on loopback for flow tests: each agent's profile callbackUrl points
 * at its own path, and what arrives is read only through the signature check with the
 * agent's webhook secret, so a flow asserts the webhooks an agent really received, signed.
 */

import assert from "node:assert/strict";
import type { IncomingHttpHeaders } from "node:http";
import { verifyJustPaySignature } from "../../src/webhooks/justpay-signature.js";
import { TestReceiver } from "../webhooks/receiver.js";
import type { TestAgent } from "./agents.js";
import { eventually } from "./eventually.js";
import type { TestApi } from "./test-api.js";

export interface SignedEvent {
  event: string;
  data: Record<string, unknown>;
}

export class SignedInbox {
  private readonly secrets = new Map<string, string>();

  private constructor(
    private readonly api: TestApi,
    private readonly receiver: TestReceiver,
  ) {}

  static async open(api: TestApi, agents: TestAgent[]): Promise<SignedInbox> {
    const inbox = new SignedInbox(api, await TestReceiver.start());
    for (const agent of agents) await inbox.add(agent);
    return inbox;
  }

  async add(agent: TestAgent): Promise<void> {
    await this.api.ctx.knex.raw(`update agents set callback_url = ? where id = ?`, [
      this.receiver.url("127.0.0.1", `/agent/${agent.id}`),
      agent.id,
    ]);
    const res = await this.api.request({ method: "GET", url: "/api/v1/webhooks/secret", bearer: agent.apiKey });
    assert.equal(res.statusCode, 200, res.body);
    this.secrets.set(agent.id, res.json().secret);
  }

  /** What reached `agent`, oldest first, each verified with its secret (a bad signature throws). */
  received(agent: TestAgent, jobId?: string): SignedEvent[] {
    const secret = this.secrets.get(agent.id);
    assert.ok(secret, `${agent.name} has no inbox`);
    return this.receiver.received
      .filter((r) => r.path === `/agent/${agent.id}`)
      .map((r) => verifyJustPaySignature(r.body, r.headers as IncomingHttpHeaders, secret) as SignedEvent)
      .filter((e) => jobId === undefined || e.data.jobId === jobId);
  }

  /** Waits until `agent` received exactly `events` about `jobId` (in any order), and answers them. */
  async expect(agent: TestAgent, jobId: string, events: string[]): Promise<SignedEvent[]> {
    const want = [...events].sort();
    await eventually(
      `${agent.name} to receive ${want.join(", ")}`,
      async () => {
        const got = this.received(agent, jobId).map((e) => e.event);
        return JSON.stringify([...got].sort()) === JSON.stringify(want) ? true : undefined;
      },
      20_000,
    );
    return this.received(agent, jobId);
  }

  close(): Promise<void> {
    return this.receiver.close();
  }
}
