/**
 * One interface over the two in-process runtimes the program is tested on: solana-bankrun
 * (agave 1.18, SPL Token 3.x) and litesvm (agave 4.x, p-token). Every program test runs on
 * both, so a behaviour that differs between runtime versions shows up as a failure.
 */

import { BPF_LOADER_UPGRADEABLE_ID, upgradeableDeployment } from "@justpay/sdk";
import type { Keypair, PublicKey, TransactionInstruction } from "@solana/web3.js";

export interface AccountState {
  lamports: bigint;
  owner: PublicKey;
  data: Buffer;
  executable?: boolean;
}

export interface TxResult {
  ok: boolean;
  /** The program's custom error code, when it failed with one. */
  errorCode?: number;
  /** The runtime's description of the failure. */
  error?: string;
  logs: string[];
  computeUnits: number;
}

export interface TestChain {
  readonly name: "bankrun" | "litesvm";
  readonly payer: Keypair;
  /** Where the escrow program is deployed on this chain, with the upgradeable loader. */
  readonly programId: PublicKey;
  /** The program's upgrade authority: the only signer `initialize_config` accepts. */
  readonly upgradeAuthority: Keypair;
  send(instructions: TransactionInstruction[], signers: Keypair[]): Promise<TxResult>;
  getAccount(address: PublicKey): Promise<AccountState | null>;
  setAccount(address: PublicKey, account: AccountState): Promise<void>;
  /** The Clock sysvar's unix timestamp. */
  now(): Promise<bigint>;
  /** Sets the Clock sysvar's unix timestamp (and advances the slot). */
  warpTo(unixTimestamp: bigint): Promise<void>;
  airdrop(address: PublicKey, lamports: bigint): Promise<void>;
  close(): Promise<void>;
}

export type ChainFactory = (programId: PublicKey, programPath: string) => Promise<TestChain>;

const rentExempt = (bytes: number) => BigInt((128 + bytes) * 3480 * 2);

/** Deploys the program with the upgradeable loader, `upgradeAuthority` recorded in its ProgramData. */
export async function deployUpgradeable(
  chain: Pick<TestChain, "setAccount">,
  programId: PublicKey,
  elf: Uint8Array,
  upgradeAuthority: PublicKey,
): Promise<void> {
  for (const { address, data, executable } of upgradeableDeployment(programId, elf, upgradeAuthority)) {
    await chain.setAccount(address, {
      owner: BPF_LOADER_UPGRADEABLE_ID,
      data,
      lamports: rentExempt(data.length),
      executable,
    });
  }
}
