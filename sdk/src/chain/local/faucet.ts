/** SPL instructions of the local faucet: the test USDC mint and minting to an owner's ATA. */
import {
  createAssociatedTokenAccountIdempotentInstruction,
  createInitializeMint2Instruction,
  createMintToInstruction,
  getAssociatedTokenAddressSync,
  MINT_SIZE,
  TOKEN_PROGRAM_ID,
} from "@solana/spl-token";
import { type PublicKey, SystemProgram, type TransactionInstruction } from "@solana/web3.js";

export const USDC_DECIMALS = 6;

export function createMintInstructions(
  payer: PublicKey,
  mint: PublicKey,
  authority: PublicKey,
  rentLamports: bigint,
): TransactionInstruction[] {
  return [
    SystemProgram.createAccount({
      fromPubkey: payer,
      newAccountPubkey: mint,
      lamports: Number(rentLamports),
      space: MINT_SIZE,
      programId: TOKEN_PROGRAM_ID,
    }),
    createInitializeMint2Instruction(mint, USDC_DECIMALS, authority, null),
  ];
}

/** Creates the owner's associated token account if needed, then mints into it. */
export function mintToOwnerInstructions(
  authority: PublicKey,
  mint: PublicKey,
  owner: PublicKey,
  amount: bigint,
): { tokenAccount: PublicKey; instructions: TransactionInstruction[] } {
  const tokenAccount = getAssociatedTokenAddressSync(mint, owner, true);
  return {
    tokenAccount,
    instructions: [
      createAssociatedTokenAccountIdempotentInstruction(authority, tokenAccount, owner, mint),
      createMintToInstruction(mint, tokenAccount, authority, amount),
    ],
  };
}
