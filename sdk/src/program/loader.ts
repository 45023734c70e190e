/**
 * The upgradeable BPF loader's account layouts, as `initialize_config` reads them: the program
 * is deployed with this loader everywhere (clusters, LocalChain, the test runtimes), and only
 * the upgrade authority its ProgramData records may initialize the config.
 *
 * - Program account (owned by the loader, executable): u32 tag 2, programdata address.
 * - ProgramData account (owned by the loader): u32 tag 3, u64 deployment slot,
 *   `Option<Pubkey>` upgrade authority (tag byte + 32 bytes, kept even when `None`), the ELF.
 */
import { PublicKey } from "@solana/web3.js";

export const BPF_LOADER_UPGRADEABLE_ID = new PublicKey("BPFLoaderUpgradeab1e11111111111111111111111");

const PROGRAM_TAG = 2;
const PROGRAM_DATA_TAG = 3;
export const PROGRAM_ACCOUNT_LEN = 4 + 32;
export const PROGRAM_DATA_METADATA_LEN = 4 + 8 + 1 + 32;

/** The loader's PDA `[program id]` that holds the program's ELF and upgrade authority. */
export const programDataAddress = (programId: PublicKey): PublicKey =>
  PublicKey.findProgramAddressSync([programId.toBuffer()], BPF_LOADER_UPGRADEABLE_ID)[0];

export function encodeProgramAccount(programData: PublicKey): Buffer {
  const data = Buffer.alloc(PROGRAM_ACCOUNT_LEN);
  data.writeUInt32LE(PROGRAM_TAG, 0);
  programData.toBuffer().copy(data, 4);
  return data;
}

/**
 * `slot` is the deployment slot. Runtimes hide a program deployed in the current slot until
 * the next one, so test chains deploy "at slot 0", before anything runs.
 */
export function encodeProgramDataAccount(elf: Uint8Array, upgradeAuthority: PublicKey | null, slot = 0n): Buffer {
  const data = Buffer.alloc(PROGRAM_DATA_METADATA_LEN + elf.length);
  data.writeUInt32LE(PROGRAM_DATA_TAG, 0);
  data.writeBigUInt64LE(slot, 4);
  if (upgradeAuthority) {
    data[12] = 1;
    upgradeAuthority.toBuffer().copy(data, 13);
  }
  data.set(elf, PROGRAM_DATA_METADATA_LEN);
  return data;
}

export interface ProgramDataState {
  slot: bigint;
  /** null: the program is immutable. */
  upgradeAuthority: PublicKey | null;
}

export function decodeProgramDataAccount(data: Uint8Array): ProgramDataState {
  const b = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (b.length < PROGRAM_DATA_METADATA_LEN || b.readUInt32LE(0) !== PROGRAM_DATA_TAG) {
    throw new Error("not an upgradeable-loader ProgramData account");
  }
  return {
    slot: b.readBigUInt64LE(4),
    upgradeAuthority: b[12] === 1 ? new PublicKey(b.subarray(13, 45)) : null,
  };
}

/** An account the loader owns, as a deployment leaves it. */
export interface LoaderAccount {
  address: PublicKey;
  data: Buffer;
  executable: boolean;
}

/**
 * The accounts `solana program deploy` leaves for a program, in the order to write them into
 * a test runtime: ProgramData first, since litesvm loads a program as soon as its Program
 * account is written.
 */
export function upgradeableDeployment(
  programId: PublicKey,
  elf: Uint8Array,
  upgradeAuthority: PublicKey | null,
): LoaderAccount[] {
  const programData = programDataAddress(programId);
  return [
    { address: programData, data: encodeProgramDataAccount(elf, upgradeAuthority), executable: false },
    { address: programId, data: encodeProgramAccount(programData), executable: true },
  ];
}
