/**
 * `POST /dev/fund`'s work: a real SPL transfer from a brand-new "personal wallet", as if a
 * user had sent USDC from Phantom. The faucet mints to that wallet, which then signs a
 * TransferChecked to `address`'s associated token account (created if needed). The platform
 * fee payer pays the SOL. The personal wallet's key is not kept: it only has to exist as
 * the sender the deposit scan will find, and become the emergency address.
 */

import { type LocalChain, USDC_DECIMALS } from "@justpay/sdk";
import {
  createAssociatedTokenAccountIdempotentInstruction,
  createTransferCheckedInstruction,
  getAssociatedTokenAddressSync,
} from "@solana/spl-token";
import { Keypair, PublicKey, Transaction } from "@solana/web3.js";

export async function fundFromPersonalWallet(
  chain: LocalChain,
  address: string,
  amount: bigint,
): Promise<{ signature: string; from: string }> {
  const personal = Keypair.generate();
  const { tokenAccount: source } = await chain.mintUsdc(personal.publicKey, amount);
  const owner = new PublicKey(address);
  // Off-curve owners (PDAs, multisig vaults) have token accounts too.
  const destination = getAssociatedTokenAddressSync(chain.usdcMint, owner, true);
  const payer = chain.feePayer;
  const tx = new Transaction({ feePayer: payer.publicKey, ...(await chain.latestBlockhash()) }).add(
    createAssociatedTokenAccountIdempotentInstruction(payer.publicKey, destination, owner, chain.usdcMint),
    createTransferCheckedInstruction(source, chain.usdcMint, destination, personal.publicKey, amount, USDC_DECIMALS),
  );
  tx.sign(payer, personal);
  const outcome = await chain.sendTransaction(tx);
  if (outcome.err) throw new Error(`dev fund transfer failed: ${outcome.err}`);
  return { signature: outcome.signature, from: personal.publicKey.toBase58() };
}
