/** Agents with custodial wallets, ledgers and USDC, driven through the real instructions. */

import { agentPda } from "@justpay/sdk";
import { getAssociatedTokenAddressSync } from "@solana/spl-token";
import { Keypair, type PublicKey } from "@solana/web3.js";
import BN from "bn.js";
import type { Platform, SentTx } from "./platform.js";
import { setTokenAccount, tokenBalance } from "./tokens.js";

export class TestAgent {
  readonly wallet = Keypair.generate();
  /** The personal wallet the agent funds itself from; becomes its emergency address. */
  readonly personal = Keypair.generate();
  readonly ledger: PublicKey;
  readonly ledgerBump: number;
  readonly usdc: PublicKey;

  constructor(readonly p: Platform) {
    ({ address: this.ledger, bump: this.ledgerBump } = agentPda(p.program.programId, this.wallet.publicKey));
    this.usdc = getAssociatedTokenAddressSync(p.usdcMint, this.wallet.publicKey);
    p.trackToken(this.usdc);
  }

  get key(): PublicKey {
    return this.wallet.publicKey;
  }

  registerIx() {
    return this.p.program.methods
      .registerAgent()
      .accountsPartial({ payer: this.p.chain.payer.publicKey, wallet: this.key, agent: this.ledger })
      .instruction();
  }

  depositIx(
    amount: bigint,
    sourceOwner: PublicKey = this.personal.publicKey,
    overrides: Record<string, PublicKey> = {},
  ) {
    return this.p.program.methods
      .deposit(new BN(amount.toString()), sourceOwner)
      .accountsPartial({
        wallet: this.key,
        operator: this.p.operator.publicKey,
        agent: this.ledger,
        config: this.p.config,
        source: this.usdc,
        vault: this.p.vault,
        ...overrides,
      })
      .instruction();
  }

  /** Puts USDC in the custodial wallet's token account, as an incoming transfer would. */
  async fundWallet(amount: bigint): Promise<void> {
    const existing = await this.p.chain.getAccount(this.usdc);
    const balance = existing ? await tokenBalance(this.p.chain, this.usdc) : 0n;
    await setTokenAccount(this.p.chain, this.usdc, {
      mint: this.p.usdcMint,
      owner: this.key,
      amount: balance + amount,
    });
    this.p.externalSupply += amount;
  }

  async register(): Promise<SentTx> {
    const r = await this.p.send(await this.registerIx(), [this.wallet]);
    if (!r.ok) throw new Error(`register_agent failed: ${r.error}\n${r.logs.join("\n")}`);
    this.p.track("agent", this.ledger);
    return r;
  }

  /** Funds the wallet and deposits, as the deposit scan does after an incoming transfer. */
  async deposit(amount: bigint, sourceOwner?: PublicKey): Promise<SentTx> {
    await this.fundWallet(amount);
    const r = await this.p.send(await this.depositIx(amount, sourceOwner), [this.wallet, this.p.operator]);
    if (!r.ok) throw new Error(`deposit failed: ${r.error}\n${r.logs.join("\n")}`);
    return r;
  }

  async ledgerState(): Promise<Record<string, any>> {
    const a = await this.p.account<Record<string, any>>("agent", this.ledger);
    if (!a) throw new Error("agent ledger missing");
    return a;
  }

  async available(): Promise<bigint> {
    return BigInt((await this.ledgerState()).available.toString());
  }
}

/** A registered agent with `deposit` micro-USDC deposited (activation fee included). */
export async function fundedAgent(p: Platform, deposit = 50_000_000n): Promise<TestAgent> {
  const a = new TestAgent(p);
  await a.register();
  if (deposit > 0n) await a.deposit(deposit);
  return a;
}
