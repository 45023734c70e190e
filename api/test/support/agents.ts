/**
 * Agents for tests of the core, made the way registration will make them (a profile row, an
 * issued key, the on-chain ledger through the outbox) but without the registration route,
 * which is another module's. The wallet's secret is kept in memory and handed to the signer
 * registry instead of being sealed by custody.
 */

import { agentPda, escrowProgram } from "@justpay/sdk";
import { getAssociatedTokenAddressSync } from "@solana/spl-token";
import { Keypair } from "@solana/web3.js";
import BN from "bn.js";
import { registerAgentInstruction } from "../../src/agents/ledger.js";
import { newId } from "../../src/db/ids.js";
import type { TestApi } from "./test-api.js";

export interface TestAgent {
  id: string;
  name: string;
  wallet: Keypair;
  apiKey: string;
  keyId: string;
}

export async function createTestAgent(api: TestApi, name = `agent-${newId().slice(-8)}`): Promise<TestAgent> {
  const { ctx } = api;
  const wallet = Keypair.generate();
  const id = newId();
  await ctx.knex.raw(`insert into agents (id, name, wallet_address, encrypted_secret) values (?, ?, ?, ?)`, [
    id,
    name,
    wallet.publicKey.toBase58(),
    Buffer.from("test: not sealed"),
  ]);
  const key = await ctx.apiKeys.issue(id, "default");
  ctx.signers.addKeypair(wallet);
  const register = await registerAgentInstruction(
    ctx.chain.programId,
    ctx.platform.feePayer.publicKey,
    wallet.publicKey,
  );
  const landed = await ctx.tx.execute(`test-register:${id}`, "register_agent", [register]);
  await ctx.waitForSlot(landed.slot);
  return { id, name, wallet, apiKey: key.apiKey, keyId: key.keyId };
}

/** The `deposit` instruction for USDC already in the agent's wallet, co-signed by the operator. */
export async function depositInstruction(api: TestApi, agent: TestAgent, amount: number, from = Keypair.generate()) {
  const { ctx } = api;
  return escrowProgram(ctx.chain.programId)
    .methods.deposit(new BN(amount), from.publicKey)
    .accountsPartial({
      wallet: agent.wallet.publicKey,
      operator: ctx.platform.operator.publicKey,
      agent: agentPda(ctx.chain.programId, agent.wallet.publicKey).address,
      config: ctx.platform.config,
      source: getAssociatedTokenAddressSync(ctx.platform.usdcMint, agent.wallet.publicKey),
      vault: ctx.platform.vault,
    })
    .instruction();
}

/** Mints `amount` test USDC to the wallet and deposits it, activating the agent (≥ 1 USDC). */
export async function activateTestAgent(api: TestApi, agent: TestAgent, amount = 2_000_000): Promise<void> {
  await api.chain.mintUsdc(agent.wallet.publicKey, BigInt(amount));
  const landed = await api.ctx.tx.execute(`test-deposit:${agent.id}`, "deposit", [
    await depositInstruction(api, agent, amount),
  ]);
  await api.ctx.waitForSlot(landed.slot);
}
