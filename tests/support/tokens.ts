/** SPL Token accounts written straight into the test runtime, so tests need no faucet. */
import { ACCOUNT_SIZE, AccountLayout, MINT_SIZE, MintLayout, TOKEN_PROGRAM_ID } from "@solana/spl-token";
import { PublicKey } from "@solana/web3.js";
import type { TestChain } from "./chain.js";

const RENT = (size: number) => BigInt((128 + size) * 3480 * 2);

export async function createMint(
  chain: TestChain,
  address: PublicKey,
  authority: PublicKey,
  decimals = 6,
): Promise<void> {
  const data = Buffer.alloc(MINT_SIZE);
  MintLayout.encode(
    {
      mintAuthorityOption: 1,
      mintAuthority: authority,
      supply: 0n,
      decimals,
      isInitialized: true,
      freezeAuthorityOption: 0,
      freezeAuthority: PublicKey.default,
    },
    data,
  );
  await chain.setAccount(address, { lamports: RENT(MINT_SIZE), owner: TOKEN_PROGRAM_ID, data });
}

export interface TokenAccountInit {
  mint: PublicKey;
  owner: PublicKey;
  amount?: bigint;
  delegate?: PublicKey;
  closeAuthority?: PublicKey;
  frozen?: boolean;
}

export function tokenAccountData(init: TokenAccountInit): Buffer {
  const data = Buffer.alloc(ACCOUNT_SIZE);
  AccountLayout.encode(
    {
      mint: init.mint,
      owner: init.owner,
      amount: init.amount ?? 0n,
      delegateOption: init.delegate ? 1 : 0,
      delegate: init.delegate ?? PublicKey.default,
      state: init.frozen ? 2 : 1,
      isNativeOption: 0,
      isNative: 0n,
      delegatedAmount: 0n,
      closeAuthorityOption: init.closeAuthority ? 1 : 0,
      closeAuthority: init.closeAuthority ?? PublicKey.default,
    },
    data,
  );
  return data;
}

export async function setTokenAccount(chain: TestChain, address: PublicKey, init: TokenAccountInit): Promise<void> {
  await chain.setAccount(address, {
    lamports: RENT(ACCOUNT_SIZE),
    owner: TOKEN_PROGRAM_ID,
    data: tokenAccountData(init),
  });
}

export async function tokenBalance(chain: TestChain, address: PublicKey): Promise<bigint> {
  const a = await chain.getAccount(address);
  if (!a) throw new Error(`token account ${address.toBase58()} does not exist`);
  return AccountLayout.decode(a.data).amount;
}

/** Total supply of the mint as recorded on chain; tests mint by writing balances, so they track it themselves. */
export async function mintSupply(chain: TestChain, mint: PublicKey): Promise<bigint> {
  const a = await chain.getAccount(mint);
  if (!a) throw new Error("mint missing");
  return MintLayout.decode(a.data).supply;
}
