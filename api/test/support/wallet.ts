/**
 * Money steps and checks for wallet tests: a deposit the way a user makes one (`POST
 * /dev/fund`, a real SPL transfer from a personal wallet), the routes' answers, the mirrored
 * ledger, token balances on-chain, and the audit's vault invariant after each step.
 */
import assert from "node:assert/strict";
import { formatReport, runAudit } from "@justpay/indexer";
import { agentPda, escrowProgram } from "@justpay/sdk";
import { getAssociatedTokenAddressSync } from "@solana/spl-token";
import { PublicKey } from "@solana/web3.js";
import BN from "bn.js";
import { type Ledger, readLedger } from "../../src/wallet/ledger.js";
import type { TestAgent } from "./agents.js";
import type { TestApi } from "./test-api.js";

export async function fund(
  api: TestApi,
  address: string,
  amount: number,
): Promise<{ signature: string; from: string }> {
  const res = await api.request({ method: "POST", url: "/api/v1/dev/fund", payload: { address, amount } });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

export async function confirmDeposit(api: TestApi, agent: TestAgent) {
  const res = await api.request({ method: "POST", url: "/api/v1/wallet/confirm-deposit", bearer: agent.apiKey });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

export async function balance(api: TestApi, agent: TestAgent) {
  const res = await api.request({ method: "GET", url: "/api/v1/wallet/balance", bearer: agent.apiKey });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

export async function ledger(api: TestApi, agent: TestAgent): Promise<Ledger> {
  const l = await readLedger(api.ctx.knex, agent.wallet.publicKey.toBase58());
  assert.ok(l, "the agent's ledger is mirrored");
  return l;
}

/** The USDC an owner's associated token account holds on-chain (0 when it does not exist). */
export async function usdcOf(api: TestApi, owner: string | PublicKey): Promise<bigint> {
  const ata = getAssociatedTokenAddressSync(api.ctx.platform.usdcMint, new PublicKey(owner), true);
  const account = await api.chain.getAccount(ata);
  return account ? account.data.readBigUInt64LE(64) : 0n;
}

/** The vault covers exactly what the program owes, and the mirror equals the chain. */
export async function assertVaultInvariant(api: TestApi, options: { recheckDelayMs?: number } = {}): Promise<void> {
  const report = await runAudit({ chain: api.chain, db: api.ctx.db, recheckDelayMs: options.recheckDelayMs ?? 0 });
  assert.ok(report.ok, formatReport(report));
  assert.equal(report.invariant.unallocated, 0n, "nobody donates in tests, so the vault balances exactly");
}

export async function depositedEvents(api: TestApi, agent: TestAgent): Promise<Record<string, string>[]> {
  const { rows } = await api.ctx.knex.raw(
    "select data from events where name = 'Deposited' and mentions @> ?::text[] order by slot",
    [[agent.wallet.publicKey.toBase58()]],
  );
  return rows.map((r: { data: Record<string, string> }) => r.data);
}

/** Sets the agent's withdrawal address with the program's own instruction (the route is another module's). */
export async function setWithdrawalAddress(api: TestApi, agent: TestAgent, address: PublicKey, key: string) {
  const { ctx } = api;
  const ix = await escrowProgram(ctx.chain.programId)
    .methods.setWithdrawalAddress(address)
    .accountsPartial({
      wallet: agent.wallet.publicKey,
      agent: agentPda(ctx.chain.programId, agent.wallet.publicKey).address,
      config: ctx.platform.config,
    })
    .instruction();
  await ctx.waitForSlot((await ctx.tx.execute(key, "set_withdrawal_address", [ix])).slot);
}

/** Withdraws to the address set before, whose token account must exist. */
export async function withdraw(api: TestApi, agent: TestAgent, to: PublicKey, amount: number, key: string) {
  const { ctx } = api;
  const ix = await escrowProgram(ctx.chain.programId)
    .methods.withdraw(new BN(amount))
    .accountsPartial({
      wallet: agent.wallet.publicKey,
      agent: agentPda(ctx.chain.programId, agent.wallet.publicKey).address,
      config: ctx.platform.config,
      vault: ctx.platform.vault,
      destination: getAssociatedTokenAddressSync(ctx.platform.usdcMint, to),
    })
    .instruction();
  await ctx.waitForSlot((await ctx.tx.execute(key, "withdraw", [ix])).slot);
}
