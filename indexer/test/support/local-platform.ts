/**
 * A platform on a real `LocalChain` in a temporary directory: config, vault and treasury
 * created with real instructions, agents registered and funded through the program. This
 * is what the indexer tests watch; nothing here writes accounts behind the program's back.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Program } from "@coral-xyz/anchor";
import type { SendOutcome } from "@justpay/sdk";
import {
  agentPda,
  configPda,
  escrowProgram,
  type JustpayEscrow,
  LocalChain,
  programDataAddress,
  SEED_CONFIG_PARAMS,
} from "@justpay/sdk";
import { createAssociatedTokenAccountIdempotentInstruction, getAssociatedTokenAddressSync } from "@solana/spl-token";
import { Keypair, type PublicKey, Transaction, type TransactionInstruction } from "@solana/web3.js";

export const CONFIG_PARAMS = SEED_CONFIG_PARAMS;

export class LocalAgent {
  readonly wallet = Keypair.generate();
  /** Where its first deposit comes from; becomes its emergency address. */
  readonly personal = Keypair.generate();
  readonly ledger: PublicKey;
  registered = false;
  withdrawalAddress: PublicKey | null = null;

  constructor(readonly p: LocalPlatform) {
    this.ledger = agentPda(p.chain.programId, this.wallet.publicKey).address;
  }

  get usdc(): PublicKey {
    return getAssociatedTokenAddressSync(this.p.chain.usdcMint, this.wallet.publicKey);
  }
}

export class LocalPlatform {
  readonly program: Program<JustpayEscrow>;
  readonly admin = Keypair.generate();
  readonly operator = Keypair.generate();
  readonly arbiter = Keypair.generate();
  readonly treasuryOwner = Keypair.generate();
  readonly config: PublicKey;
  readonly configBump: number;
  readonly vault: PublicKey;
  readonly treasury: PublicKey;
  readonly agents: LocalAgent[] = [];

  private constructor(
    readonly chain: LocalChain,
    readonly dataDir: string,
  ) {
    this.program = escrowProgram(chain.programId);
    ({ address: this.config, bump: this.configBump } = configPda(chain.programId));
    this.vault = getAssociatedTokenAddressSync(chain.usdcMint, this.config, true);
    this.treasury = getAssociatedTokenAddressSync(chain.usdcMint, this.treasuryOwner.publicKey);
  }

  static async open(): Promise<LocalPlatform> {
    const dataDir = await mkdtemp(join(tmpdir(), "justpay-indexer-"));
    // Not durable: the tests never crash the chain, and fsync per transaction would dominate.
    const chain = await LocalChain.open({ dataDir, durable: false, snapshotEvery: 10_000 });
    return new LocalPlatform(chain, dataDir);
  }

  async close(): Promise<void> {
    await this.chain.close();
    await rm(this.dataDir, { recursive: true, force: true });
  }

  async send(instructions: TransactionInstruction[], signers: Keypair[] = []): Promise<SendOutcome> {
    const tx = new Transaction();
    tx.feePayer = this.chain.feePayer.publicKey;
    tx.recentBlockhash = (await this.chain.latestBlockhash()).blockhash;
    tx.add(...instructions);
    const unique = new Map([this.chain.feePayer, ...signers].map((k) => [k.publicKey.toBase58(), k]));
    tx.sign(...unique.values());
    return this.chain.sendTransaction(tx);
  }

  async sendOk(instructions: TransactionInstruction[], signers: Keypair[] = []): Promise<SendOutcome> {
    const outcome = await this.send(instructions, signers);
    if (outcome.err) throw new Error(`transaction failed: ${outcome.err}\n${outcome.logs.join("\n")}`);
    return outcome;
  }

  /** Vault and treasury token accounts, then `initialize_config`. */
  async initialize(): Promise<SendOutcome> {
    const payer = this.chain.feePayer.publicKey;
    const mint = this.chain.usdcMint;
    await this.sendOk([
      createAssociatedTokenAccountIdempotentInstruction(payer, this.vault, this.config, mint),
      createAssociatedTokenAccountIdempotentInstruction(payer, this.treasury, this.treasuryOwner.publicKey, mint),
    ]);
    const ix = await this.program.methods
      .initializeConfig(this.operator.publicKey, this.arbiter.publicKey, CONFIG_PARAMS, this.configBump)
      .accountsPartial({
        payer,
        admin: this.admin.publicKey,
        config: this.config,
        usdcMint: mint,
        vault: this.vault,
        treasury: this.treasury,
        program: this.chain.programId,
        programData: programDataAddress(this.chain.programId),
        upgradeAuthority: this.chain.upgradeAuthority.publicKey,
      })
      .instruction();
    return this.sendOk([ix], [this.admin, this.chain.upgradeAuthority]);
  }

  newAgent(): LocalAgent {
    const agent = new LocalAgent(this);
    this.agents.push(agent);
    return agent;
  }
}
