/**
 * Brings a chain from "program deployed" to "platform open": the vault (the config PDA's
 * USDC account), the treasury, and `initialize_config` with the seed's fee schedule, in
 * one idempotent step. Used by `npm start` on the local chain and by deployment scripts.
 *
 * Only the program's upgrade authority can initialize the config, and one config exists per
 * program. If it exists already it must be this platform's: a config naming other
 * authorities, another mint, vault or treasury belongs to someone else, and running against
 * it would hand them the platform's deposits and fees, so bootstrap refuses.
 */
import { createAssociatedTokenAccountIdempotentInstruction, getAssociatedTokenAddressSync } from "@solana/spl-token";
import { type Keypair, type PublicKey, Transaction, type TransactionInstruction } from "@solana/web3.js";
import type { Chain } from "../chain/port.js";
import { configPda, decodeAccount, escrowProgram, programDataAddress } from "../program/index.js";
import { SEED_CONFIG_PARAMS } from "./defaults.js";

export interface PlatformAuthorities {
  admin: Keypair;
  operator: PublicKey;
  arbiter: PublicKey;
  treasuryOwner: PublicKey;
  /** The program's upgrade authority, which initialize_config requires as a signer. */
  upgradeAuthority: Keypair;
}

export interface PlatformAddresses {
  programId: PublicKey;
  config: PublicKey;
  usdcMint: PublicKey;
  vault: PublicKey;
  treasury: PublicKey;
}

export async function bootstrapPlatform(
  chain: Chain,
  feePayer: Keypair,
  usdcMint: PublicKey,
  authorities: PlatformAuthorities,
): Promise<PlatformAddresses & { created: boolean }> {
  const program = escrowProgram(chain.programId);
  const { address: config, bump } = configPda(chain.programId);
  const vault = getAssociatedTokenAddressSync(usdcMint, config, true);
  const treasury = getAssociatedTokenAddressSync(usdcMint, authorities.treasuryOwner);
  const addresses = { programId: chain.programId, config, usdcMint, vault, treasury };
  const existing = await chain.getAccount(config);
  // Lamports someone sent to the config address do not make a config; the program creates
  // one there all the same.
  if (existing?.owner.equals(chain.programId)) {
    const expected = {
      admin: authorities.admin.publicKey,
      operator: authorities.operator,
      arbiter: authorities.arbiter,
      usdcMint,
      vault,
      treasury,
    };
    assertOwnConfig(
      config,
      decodeAccount<Record<keyof typeof expected, PublicKey>>(program, "config", existing.data),
      expected,
    );
    return { ...addresses, created: false };
  }

  const send = async (instructions: TransactionInstruction[], signers: Keypair[]) => {
    const { blockhash, lastValidBlockHeight } = await chain.latestBlockhash();
    const tx = new Transaction({ feePayer: feePayer.publicKey, blockhash, lastValidBlockHeight }).add(...instructions);
    tx.sign(feePayer, ...signers);
    const outcome = await chain.sendTransaction(tx);
    if (outcome.err) throw new Error(`platform bootstrap failed: ${outcome.err}\n${outcome.logs.join("\n")}`);
  };
  const payer = feePayer.publicKey;
  await send(
    [
      createAssociatedTokenAccountIdempotentInstruction(payer, vault, config, usdcMint),
      createAssociatedTokenAccountIdempotentInstruction(payer, treasury, authorities.treasuryOwner, usdcMint),
    ],
    [],
  );
  const init = await program.methods
    .initializeConfig(authorities.operator, authorities.arbiter, SEED_CONFIG_PARAMS, bump)
    .accountsPartial({
      payer,
      admin: authorities.admin.publicKey,
      config,
      usdcMint,
      vault,
      treasury,
      program: chain.programId,
      programData: programDataAddress(chain.programId),
      upgradeAuthority: authorities.upgradeAuthority.publicKey,
    })
    .instruction();
  await send([init], [authorities.admin, authorities.upgradeAuthority]);
  return { ...addresses, created: true };
}

/** The chain's config belongs to another platform: nothing was sent. */
export class ForeignConfigError extends Error {
  constructor(
    readonly config: PublicKey,
    /** Each field that differs, with what the config holds and what bootstrap expected. */
    readonly mismatches: { field: string; actual: PublicKey; expected: PublicKey }[],
  ) {
    const list = mismatches.map((m) => `${m.field} is ${m.actual.toBase58()}, expected ${m.expected.toBase58()}`);
    super(`config ${config.toBase58()} is not this platform's: ${list.join("; ")}`);
    this.name = "ForeignConfigError";
  }
}

function assertOwnConfig<K extends string>(
  config: PublicKey,
  actual: Record<K, PublicKey>,
  expected: Record<K, PublicKey>,
): void {
  const mismatches = (Object.keys(expected) as K[])
    .filter((field) => !actual[field].equals(expected[field]))
    .map((field) => ({ field, actual: actual[field], expected: expected[field] }));
  if (mismatches.length > 0) throw new ForeignConfigError(config, mismatches);
}
