/** Transactions the chain tests send: real instructions, signed, against any `Chain`. */
import { createHash } from "node:crypto";
import {
  AccountLayout,
  createAssociatedTokenAccountIdempotentInstruction,
  createInitializeMint2Instruction,
  createMintToInstruction,
  createTransferCheckedInstruction,
  getAssociatedTokenAddressSync,
  MINT_SIZE,
  MintLayout,
  TOKEN_PROGRAM_ID,
} from "@solana/spl-token";
import { type Keypair, type PublicKey, SystemProgram, Transaction, TransactionInstruction } from "@solana/web3.js";
import type { Chain, SendOutcome } from "../../src/chain/port.js";
import { agentPda, escrowProgram } from "../../src/program/index.js";

/** Builds and signs a legacy transaction; the first signer pays. */
export async function signed(chain: Chain, instructions: TransactionInstruction[], signers: Keypair[]) {
  const { blockhash } = await chain.latestBlockhash();
  const tx = new Transaction({ feePayer: signers[0]!.publicKey, recentBlockhash: blockhash }).add(...instructions);
  tx.sign(...signers);
  return tx;
}

export async function send(chain: Chain, instructions: TransactionInstruction[], signers: Keypair[]) {
  return chain.sendTransaction(await signed(chain, instructions, signers));
}

/** Sends and insists the transaction succeeded. */
export async function sendOk(
  chain: Chain,
  instructions: TransactionInstruction[],
  signers: Keypair[],
): Promise<SendOutcome> {
  const outcome = await send(chain, instructions, signers);
  if (outcome.err) throw new Error(`transaction failed: ${outcome.err}\n${outcome.logs.join("\n")}`);
  return outcome;
}

export const transferIx = (from: PublicKey, to: PublicKey, lamports: bigint | number) =>
  SystemProgram.transfer({ fromPubkey: from, toPubkey: to, lamports: BigInt(lamports) });

export function createMintIxs(payer: PublicKey, mint: PublicKey, authority: PublicKey) {
  const rent = rentExempt(MINT_SIZE);
  return [
    SystemProgram.createAccount({
      fromPubkey: payer,
      newAccountPubkey: mint,
      lamports: rent,
      space: MINT_SIZE,
      programId: TOKEN_PROGRAM_ID,
    }),
    createInitializeMint2Instruction(mint, 6, authority, null),
  ];
}

/** Rent-exempt minimum on every cluster: (128 + size) bytes at 3480 lamports per byte-year, two years. */
export const rentExempt = (size: number) => (128 + size) * 3480 * 2;

export function ataIx(payer: PublicKey, mint: PublicKey, owner: PublicKey) {
  const ata = getAssociatedTokenAddressSync(mint, owner, true);
  return { ata, ix: createAssociatedTokenAccountIdempotentInstruction(payer, ata, owner, mint) };
}

export const mintToIx = (mint: PublicKey, to: PublicKey, authority: PublicKey, amount: bigint) =>
  createMintToInstruction(mint, to, authority, amount);

export const transferCheckedIx = (from: PublicKey, mint: PublicKey, to: PublicKey, owner: PublicKey, amount: bigint) =>
  createTransferCheckedInstruction(from, mint, to, owner, amount, 6);

export async function tokenAmount(chain: Chain, account: PublicKey): Promise<bigint> {
  const a = await chain.getAccount(account);
  if (!a) throw new Error(`token account ${account.toBase58()} missing`);
  return AccountLayout.decode(a.data).amount;
}

export async function mintSupply(chain: Chain, mint: PublicKey): Promise<bigint> {
  const a = await chain.getAccount(mint);
  if (!a) throw new Error("mint missing");
  return MintLayout.decode(a.data).supply;
}

export async function lamportsOf(chain: Chain, address: PublicKey): Promise<bigint> {
  return (await chain.getAccount(address))?.lamports ?? 0n;
}

/** The escrow program's register_agent: creates a program-owned ledger PDA for `wallet`. */
export async function registerAgentIx(programId: PublicKey, payer: PublicKey, wallet: PublicKey) {
  const program = escrowProgram(programId);
  const agent = agentPda(programId, wallet).address;
  const ix = await program.methods.registerAgent().accountsPartial({ payer, wallet, agent }).instruction();
  return { ix, agent };
}

/** An instruction the program rejects: an unknown discriminator. */
export const bogusProgramIx = (programId: PublicKey) =>
  new TransactionInstruction({ programId, keys: [], data: Buffer.alloc(8, 0xff) });

export const anchorAccountDiscriminator = (name: string) =>
  createHash("sha256").update(`account:${name}`).digest().subarray(0, 8);

/**
 * Polls until `done()` holds, for streams that deliver asynchronously. The limit only matters
 * when something is wrong; it is generous so that a loaded machine does not fail the test.
 */
export async function waitFor(done: () => boolean, what = "condition", timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
