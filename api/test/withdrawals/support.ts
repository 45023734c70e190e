/**
 * Money helpers for the withdrawal tests: deposits from a known personal wallet (which the
 * program records as the emergency address), on-chain USDC balances of external wallets,
 * the mirrored ledger, and the audit (vault invariant and mirror == chain) after each step.
 */
import assert from "node:assert/strict";
import { AccountLayout, getAssociatedTokenAddressSync } from "@solana/spl-token";
import { Keypair, type PublicKey } from "@solana/web3.js";
import type BN from "bn.js";
import { formatReport } from "../../../indexer/src/audit/report.js";
import { runAudit } from "../../../indexer/src/audit/run-audit.js";
import { agentPda, decodeAccount, escrowProgram } from "../../../sdk/src/program/index.js";
import { newId } from "../../src/db/ids.js";
import { depositInstruction, type TestAgent } from "../support/agents.js";
import type { TestApi } from "../support/test-api.js";

/** Mints `amount` to the agent's wallet and deposits it as sent from `from` (a fresh personal wallet by default). */
export async function deposit(api: TestApi, agent: TestAgent, amount: bigint, from = Keypair.generate()) {
  await api.chain.mintUsdc(agent.wallet.publicKey, amount);
  const landed = await api.ctx.tx.execute(`test-deposit:${agent.id}:${newId()}`, "deposit", [
    await depositInstruction(api, agent, Number(amount), from),
  ]);
  await api.ctx.waitForSlot(landed.slot);
  return from;
}

/** USDC in `owner`'s associated token account on-chain (0 when it has none). */
export async function usdcOf(api: TestApi, owner: PublicKey): Promise<bigint> {
  const account = await api.chain.getAccount(getAssociatedTokenAddressSync(api.ctx.platform.usdcMint, owner, true));
  return account ? AccountLayout.decode(account.data).amount : 0n;
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

/** The vault covers exactly what is owed, and the mirror equals the chain. */
export async function assertAudited(api: TestApi): Promise<void> {
  const report = await runAudit({ chain: api.chain, db: api.ctx.db, recheckDelayMs: 500 });
  assert.ok(report.ok, formatReport(report));
  assert.equal(report.invariant.unallocated, 0n, formatReport(report));
}
