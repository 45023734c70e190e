/**
 * A platform on a real LocalChain for the auditor tests: bootstrapped, agents registered and
 * funded, jobs created and delivered, all with real program instructions; then served over
 * JSON-RPC by the stand-in, so the helpers under test see it only through a web3.js
 * Connection, as an auditor on a cluster would.
 */
import { createHash } from "node:crypto";
import { rm } from "node:fs/promises";
import { createTransferCheckedInstruction } from "@solana/spl-token";
import { Connection, Keypair, type PublicKey, Transaction, type TransactionInstruction } from "@solana/web3.js";
import BN from "bn.js";
import { LocalChain, USDC_DECIMALS } from "../../../src/chain/local/index.js";
import type { SendOutcome } from "../../../src/chain/port.js";
import { bootstrapPlatform, type PlatformAddresses } from "../../../src/platform/bootstrap.js";
import { agentPda, escrowProgram, jobPda, usableJobId } from "../../../src/program/index.js";
import { tempDir } from "../../chain/local-harness.js";
import { type RpcStandIn, startRpcStandIn } from "../../chain/rpc-standin.js";
import { rewriteAccount } from "./tamper.js";

export const USDC = 1_000_000n;

export interface TestAgent {
  wallet: Keypair;
  ledger: PublicKey;
}

export interface TestJob {
  address: PublicKey;
  id: bigint;
  amount: bigint;
  output?: string;
}

export class AuditedPlatform {
  private standin: RpcStandIn | null = null;
  private nextJobId = 1n;

  private constructor(
    private chain: LocalChain,
    readonly dataDir: string,
    readonly addresses: PlatformAddresses,
    /** Co-signs deposits and job creation, as the platform's operator does. */
    readonly operator: Keypair,
  ) {}

  static async open(): Promise<AuditedPlatform> {
    const dataDir = await tempDir("justpay-audit-");
    const chain = await LocalChain.open({ dataDir, durable: false });
    const operator = Keypair.generate();
    const addresses = await bootstrapPlatform(chain, chain.feePayer, chain.usdcMint, {
      admin: Keypair.generate(),
      operator: operator.publicKey,
      arbiter: Keypair.generate().publicKey,
      treasuryOwner: Keypair.generate().publicKey,
      upgradeAuthority: chain.upgradeAuthority,
    });
    return new AuditedPlatform(chain, dataDir, addresses, operator);
  }

  get programId(): PublicKey {
    return this.chain.programId;
  }

  private get program() {
    return escrowProgram(this.chain.programId);
  }

  /** A transaction paid by the platform's fee payer, signed and ready to send anywhere. */
  async signed(instructions: TransactionInstruction[], signers: Keypair[]): Promise<Transaction> {
    const tx = new Transaction({ feePayer: this.chain.feePayer.publicKey, ...(await this.chain.latestBlockhash()) });
    tx.add(...instructions).sign(this.chain.feePayer, ...signers);
    return tx;
  }

  /** Sends and returns the outcome, failed or not: some tests want the failure. */
  async send(instructions: TransactionInstruction[], signers: Keypair[]): Promise<SendOutcome> {
    return this.chain.sendTransaction(await this.signed(instructions, signers));
  }

  private async sendOk(instructions: TransactionInstruction[], signers: Keypair[]): Promise<SendOutcome> {
    const outcome = await this.send(instructions, signers);
    if (outcome.err) throw new Error(`transaction failed: ${outcome.err}\n${outcome.logs.join("\n")}`);
    return outcome;
  }

  /** A registered agent that deposited `usdc` micro-USDC (less the activation fee on its ledger). */
  async agent(usdc: bigint): Promise<TestAgent> {
    const wallet = Keypair.generate();
    const ledger = agentPda(this.programId, wallet.publicKey).address;
    const register = await this.program.methods
      .registerAgent()
      .accountsPartial({ payer: this.chain.feePayer.publicKey, wallet: wallet.publicKey, agent: ledger })
      .instruction();
    const { tokenAccount } = await this.chain.mintUsdc(wallet.publicKey, usdc);
    const deposit = await this.program.methods
      .deposit(new BN(usdc.toString()), Keypair.generate().publicKey)
      .accountsPartial({
        wallet: wallet.publicKey,
        operator: this.operator.publicKey,
        agent: ledger,
        config: this.addresses.config,
        source: tokenAccount,
        vault: this.addresses.vault,
      })
      .instruction();
    await this.sendOk([register, deposit], [wallet, this.operator]);
    return { wallet, ledger };
  }

  /** The create_job instruction of a direct job, already accepted by its provider. */
  async createJobInstruction(client: TestAgent, provider: TestAgent, amount: bigint) {
    const id = usableJobId(this.programId, client.wallet.publicKey, this.nextJobId);
    this.nextJobId = id + 1n;
    const job = jobPda(this.programId, client.wallet.publicKey, id);
    const deliverBy = (await this.chain.unixTime()) + 3_600n;
    const ix = await this.program.methods
      .createJob(
        new BN(id.toString()),
        provider.wallet.publicKey,
        new BN(amount.toString()),
        new BN(0),
        new BN(deliverBy.toString()),
        false,
        job.bump,
      )
      .accountsPartial({
        payer: this.chain.feePayer.publicKey,
        client: client.wallet.publicKey,
        operator: this.operator.publicKey,
        clientAgent: client.ledger,
        config: this.addresses.config,
        job: job.address,
        providerAgent: provider.ledger,
      })
      .instruction();
    return { ix, job: { address: job.address, id, amount } };
  }

  /** A funded job; with `output`, delivered with that output's sha256. */
  async job(client: TestAgent, provider: TestAgent, amount: bigint, output?: string): Promise<TestJob> {
    const { ix, job } = await this.createJobInstruction(client, provider, amount);
    await this.sendOk([ix], [client.wallet, this.operator]);
    if (output === undefined) return job;
    const hash = [...createHash("sha256").update(output).digest()];
    const deliver = await this.program.methods
      .markDelivered(hash)
      .accountsPartial({ provider: provider.wallet.publicKey, job: job.address, config: this.addresses.config })
      .instruction();
    await this.sendOk([deliver], [provider.wallet]);
    return { ...job, output };
  }

  /** USDC sent straight to the vault by a plain token transfer, as anyone may. */
  async donate(amount: bigint): Promise<void> {
    const donor = Keypair.generate();
    const { tokenAccount } = await this.chain.mintUsdc(donor.publicKey, amount);
    const { usdcMint, vault } = this.addresses;
    await this.sendOk(
      [createTransferCheckedInstruction(tokenAccount, usdcMint, vault, donor.publicKey, amount, USDC_DECIMALS)],
      [donor],
    );
  }

  /** Rewrites an account's bytes behind the program's back (before `connect`). */
  async tamper(address: PublicKey, rewrite: (data: Buffer) => Buffer): Promise<void> {
    if (this.standin) throw new Error("tamper before connect: the stand-in holds the chain");
    await this.chain.close();
    await rewriteAccount(this.dataDir, address, (image) => ({ ...image, data: rewrite(Buffer.from(image.data)) }));
    this.chain = await LocalChain.open({ dataDir: this.dataDir, durable: false });
  }

  /** A web3.js Connection to the chain, over real HTTP JSON-RPC. */
  async connect(): Promise<Connection> {
    this.standin ??= await startRpcStandIn(this.chain);
    return new Connection(this.standin.url, "confirmed");
  }

  async close(): Promise<void> {
    await this.standin?.close();
    await this.chain.close();
    await rm(this.dataDir, { recursive: true, force: true });
  }
}
