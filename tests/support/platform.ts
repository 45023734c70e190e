/**
 * A fresh platform on a test runtime: program, USDC mint, vault, treasury and config,
 * plus helpers to send program instructions and read accounts back decoded.
 */
import { resolve } from "node:path";
import type { Program } from "@coral-xyz/anchor";
import {
  configPda,
  type DecodedEvent,
  decodeAccount,
  escrowProgram,
  type JustpayEscrow,
  PROGRAM_ID,
  parseEvents,
  programDataAddress,
  SEED_CONFIG_PARAMS,
} from "@justpay/sdk";
import { getAssociatedTokenAddressSync } from "@solana/spl-token";
import { Keypair, type PublicKey, type TransactionInstruction } from "@solana/web3.js";
import { startBankrun } from "./bankrun-chain.js";
import type { ChainFactory, TestChain, TxResult } from "./chain.js";
import { startLiteSvm } from "./litesvm-chain.js";
import { createMint, setTokenAccount } from "./tokens.js";

export const PROGRAM_PATH = resolve(__dirname, "../../target/deploy/justpay_escrow.so");

export const RUNTIMES: { name: string; start: ChainFactory }[] = [
  { name: "bankrun", start: startBankrun },
  { name: "litesvm", start: startLiteSvm },
];

/** The seed API's published numbers (SEED_API.md), as the platform bootstrap uses them. */
export const DEFAULT_PARAMS = SEED_CONFIG_PARAMS;

export interface SentTx extends TxResult {
  events: DecodedEvent[];
}

export class Platform {
  readonly program: Program<JustpayEscrow>;
  readonly admin = Keypair.generate();
  readonly operator = Keypair.generate();
  readonly arbiter = Keypair.generate();
  readonly treasuryOwner = Keypair.generate();
  readonly mintAuthority = Keypair.generate();
  readonly usdcMint = Keypair.generate().publicKey;
  readonly config: PublicKey;
  readonly configBump: number;
  readonly vault: PublicKey;
  readonly treasury: PublicKey;

  /** Program accounts created during the test, by IDL account name, for invariant sums. */
  readonly tracked = new Map<string, Set<string>>();
  /** Every USDC token account the test touches (vault, treasury, agents', destinations). */
  readonly tokenAccounts = new Set<string>();
  /**
   * USDC the tests put into circulation by writing token balances; the sum of all token
   * accounts must always equal it (total USDC is conserved).
   */
  externalSupply = 0n;

  constructor(readonly chain: TestChain) {
    this.program = escrowProgram(chain.programId);
    ({ address: this.config, bump: this.configBump } = configPda(chain.programId));
    this.vault = getAssociatedTokenAddressSync(this.usdcMint, this.config, true);
    this.treasury = getAssociatedTokenAddressSync(this.usdcMint, this.treasuryOwner.publicKey);
  }

  static async start(factory: ChainFactory): Promise<Platform> {
    const chain = await factory(PROGRAM_ID, PROGRAM_PATH);
    const p = new Platform(chain);
    await createMint(chain, p.usdcMint, p.mintAuthority.publicKey);
    await setTokenAccount(chain, p.vault, { mint: p.usdcMint, owner: p.config });
    await setTokenAccount(chain, p.treasury, { mint: p.usdcMint, owner: p.treasuryOwner.publicKey });
    p.trackToken(p.vault);
    p.trackToken(p.treasury);
    return p;
  }

  /** Sends instructions and decodes the program's events from the logs. */
  async send(ix: TransactionInstruction | TransactionInstruction[], signers: Keypair[] = []): Promise<SentTx> {
    const r = await this.chain.send(Array.isArray(ix) ? ix : [ix], signers);
    return { ...r, events: r.ok ? parseEvents(this.program, r.logs) : [] };
  }

  initializeConfigIx(
    overrides: { params?: Partial<typeof DEFAULT_PARAMS>; accounts?: Record<string, PublicKey> } = {},
  ) {
    return this.program.methods
      .initializeConfig(
        this.operator.publicKey,
        this.arbiter.publicKey,
        { ...DEFAULT_PARAMS, ...overrides.params },
        this.configBump,
      )
      .accountsPartial({
        payer: this.chain.payer.publicKey,
        admin: this.admin.publicKey,
        config: this.config,
        usdcMint: this.usdcMint,
        vault: this.vault,
        treasury: this.treasury,
        program: this.chain.programId,
        programData: programDataAddress(this.chain.programId),
        upgradeAuthority: this.chain.upgradeAuthority.publicKey,
        ...overrides.accounts,
      })
      .instruction();
  }

  /** Who signs initialize_config: the admin it installs, and the program's upgrade authority. */
  get initSigners(): Keypair[] {
    return [this.admin, this.chain.upgradeAuthority];
  }

  async initializeConfig(): Promise<SentTx> {
    const r = await this.send(await this.initializeConfigIx(), this.initSigners);
    if (!r.ok) throw new Error(`initialize_config failed: ${r.error}\n${r.logs.join("\n")}`);
    return r;
  }

  track(type: string, address: PublicKey): void {
    let set = this.tracked.get(type);
    if (!set) {
      set = new Set();
      this.tracked.set(type, set);
    }
    set.add(address.toBase58());
  }

  trackToken(address: PublicKey): void {
    this.tokenAccounts.add(address.toBase58());
  }

  async account<T = Record<string, unknown>>(typeName: string, address: PublicKey): Promise<T | null> {
    const a = await this.chain.getAccount(address);
    return a ? decodeAccount<T>(this.program, typeName, a.data) : null;
  }
}
