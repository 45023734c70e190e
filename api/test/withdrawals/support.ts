/**
 * Money helpers for the withdrawal tests: deposits from a known personal wallet (which the
 * program records as the emergency address), on-chain USDC balances of external wallets,
 * the mirrored ledger, and the audit (vault invariant and mirror == chain) after each step.
 */
import assert from "node:assert/strict";
import { agentPda, decodeAccount, escrowProgram } from "@justpay/sdk";
import { Keypair } from "@solana/web3.js";
import type BN from "bn.js";
import { newId } from "../../src/db/ids.js";
import { WITHDRAWAL_QUEUE } from "../../src/withdrawals/queue.js";
import { createTestAgent, depositInstruction, type TestAgent } from "../support/agents.js";
import { eventually } from "../support/eventually.js";
import { assertVaultInvariant, usdcOf } from "../support/wallet.js";

export { usdcOf };

import { startTestApi, type TestApi } from "../support/test-api.js";

export const USDC = 1_000_000n;

/** Mints `amount` to the agent's wallet and deposits it as sent from `from` (a fresh personal wallet by default). */
export async function deposit(api: TestApi, agent: TestAgent, amount: bigint, from = Keypair.generate()) {
  await api.chain.mintUsdc(agent.wallet.publicKey, amount);
  const landed = await api.ctx.tx.execute(`test-deposit:${agent.id}:${newId()}`, "deposit", [
    await depositInstruction(api, agent, Number(amount), from),
  ]);
  await api.ctx.waitForSlot(landed.slot);
  return from;
}

export async function mirroredAgent(api: TestApi, agent: TestAgent) {
  const { rows } = await api.ctx.knex.raw(`select * from chain_agent where wallet = ?`, [
    agent.wallet.publicKey.toBase58(),
  ]);
  return rows[0] as {
    available: string;
    withdrawal_address: string;
    emergency_address: string;
    cooldown_until: string;
  };
}

/** The agent's balance as the chain holds it: its ledger account, decoded. */
export async function onChainAvailable(api: TestApi, agent: TestAgent): Promise<bigint> {
  const ledger = await api.chain.getAccount(agentPda(api.chain.programId, agent.wallet.publicKey).address);
  assert.ok(ledger, "the agent's ledger is missing");
  const decoded = decodeAccount<{ available: BN }>(escrowProgram(api.chain.programId), "agent", ledger.data);
  return BigInt(decoded.available.toString());
}

/**
 * The vault covers exactly what is owed, and the mirror equals the chain; rows the worker is
 * still writing get half a second before a mismatch counts.
 */
export const assertAudited = (api: TestApi) => assertVaultInvariant(api, { recheckDelayMs: 500 });

/** The wallet routes as an agent calls them, and the request rows they leave. */
export function walletRoutes(api: TestApi) {
  const requestRow = async (id: string) =>
    (await api.ctx.knex.raw(`select * from withdrawal_requests where id = ?`, [id])).rows[0];
  return {
    withdraw: (agent: TestAgent, payload: unknown, headers: Record<string, string> = {}) =>
      api.request({
        method: "POST",
        url: "/api/v1/wallet/withdraw",
        bearer: agent.apiKey,
        payload: payload as object,
        headers,
      }),
    panic: (agent: TestAgent, headers: Record<string, string> = {}) =>
      api.request({ method: "POST", url: "/api/v1/wallet/panic", bearer: agent.apiKey, headers }),
    setAddress: (agent: TestAgent, address: string) =>
      api.request({
        method: "PUT",
        url: "/api/v1/wallet/withdrawal-address",
        bearer: agent.apiKey,
        payload: { address },
      }),
    requestRow,
    /** The request once the worker is done with it (settled or failed). */
    finished: (id: string) =>
      eventually(`request ${id} to settle or fail`, async () => {
        const row = await requestRow(id);
        return row.status === "queued" ? undefined : row;
      }),
  };
}

/** A new agent that deposited `amount` from `personal` and set a first withdrawal address. */
export async function agentWithAddress(api: TestApi, amount: bigint) {
  const agent = await createTestAgent(api);
  const personal = await deposit(api, agent, amount);
  const recipient = Keypair.generate().publicKey;
  const res = await walletRoutes(api).setAddress(agent, recipient.toBase58());
  assert.equal(res.statusCode, 200, res.body);
  return { agent, personal, recipient };
}

export interface WithdrawalsTestApi {
  api: TestApi;
  wallet: ReturnType<typeof walletRoutes>;
  /** Holds the withdrawals queue (globally, for every worker) and lets it go again. */
  pauseWithdrawals(): Promise<void>;
  resumeWithdrawals(): Promise<void>;
}

/**
 * Mocha hooks: the test API, whose stack runs the worker modules (the withdrawals worker
 * among them), for the tests of a describe.
 */
export function withdrawalsTestApi(label: string): WithdrawalsTestApi {
  const queue = () => t.api.ctx.queues.queue(WITHDRAWAL_QUEUE);
  const t: WithdrawalsTestApi = {
    api: undefined as unknown as TestApi,
    wallet: undefined as unknown as WithdrawalsTestApi["wallet"],
    pauseWithdrawals: () => queue().pause(),
    resumeWithdrawals: () => queue().resume(),
  };
  before(async () => {
    t.api = await startTestApi({ label });
    t.wallet = walletRoutes(t.api);
  });
  after(async () => t.api?.close());
  return t;
}
