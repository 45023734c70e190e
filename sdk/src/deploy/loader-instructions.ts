/**
 * The upgradeable BPF loader's instructions a deployment needs, encoded as the loader reads
 * them (bincode: a u32 LE variant tag, then the fields), and its Buffer account layout.
 *
 * - Buffer account: u32 tag 1, `Option<Pubkey>` authority (tag byte + 32 bytes), the bytes.
 * - InitializeBuffer (0): [buffer (w), authority].
 * - Write (1) { offset: u32, bytes: Vec<u8> (u64 length + bytes) }: [buffer (w), authority (s)].
 * - DeployWithMaxDataLen (2) { max_data_len: u64 }: [payer (s, w), programdata (w),
 *   program (w), buffer (w), rent, clock, system program, authority (s)].
 * - Upgrade (3): [programdata (w), program (w), buffer (w), spill (w), rent, clock, authority (s)].
 * - Close (5): [account (w), recipient (w), authority (s)], for a buffer.
 * - ExtendProgram (6) { additional_bytes: u32 }: [programdata (w), program (w), system program,
 *   payer (s, w)]: grows ProgramData for a larger binary, the payer paying the rent.
 */
import {
  PublicKey,
  SYSVAR_CLOCK_PUBKEY,
  SYSVAR_RENT_PUBKEY,
  SystemProgram,
  TransactionInstruction,
} from "@solana/web3.js";
import { BPF_LOADER_UPGRADEABLE_ID, programDataAddress } from "../program/index.js";

const BUFFER_TAG = 1;
export const BUFFER_METADATA_LEN = 4 + 1 + 32;

const INITIALIZE_BUFFER = 0;
const WRITE = 1;
const DEPLOY_WITH_MAX_DATA_LEN = 2;
const UPGRADE = 3;
const CLOSE = 5;
const EXTEND_PROGRAM = 6;

/** Bytes of a Write instruction's data besides the chunk itself: tag, offset, length. */
export const WRITE_DATA_OVERHEAD = 4 + 4 + 8;

const tagged = (tag: number, extra = 0): Buffer => {
  const data = Buffer.alloc(4 + extra);
  data.writeUInt32LE(tag, 0);
  return data;
};

export function initializeBufferInstruction(buffer: PublicKey, authority: PublicKey): TransactionInstruction {
  return new TransactionInstruction({
    programId: BPF_LOADER_UPGRADEABLE_ID,
    keys: [
      { pubkey: buffer, isSigner: false, isWritable: true },
      { pubkey: authority, isSigner: false, isWritable: false },
    ],
    data: tagged(INITIALIZE_BUFFER),
  });
}

/** Writes `bytes` at `offset` of the program bytes (after the buffer's metadata). */
export function writeInstruction(
  buffer: PublicKey,
  authority: PublicKey,
  offset: number,
  bytes: Uint8Array,
): TransactionInstruction {
  const data = tagged(WRITE, WRITE_DATA_OVERHEAD - 4 + bytes.length);
  data.writeUInt32LE(offset, 4);
  data.writeBigUInt64LE(BigInt(bytes.length), 8);
  data.set(bytes, WRITE_DATA_OVERHEAD);
  return new TransactionInstruction({
    programId: BPF_LOADER_UPGRADEABLE_ID,
    keys: [
      { pubkey: buffer, isSigner: false, isWritable: true },
      { pubkey: authority, isSigner: true, isWritable: false },
    ],
    data,
  });
}

export interface DeployAccounts {
  payer: PublicKey;
  programId: PublicKey;
  buffer: PublicKey;
  /** Becomes the program's upgrade authority; must be the buffer's authority. */
  authority: PublicKey;
}

export function deployWithMaxDataLenInstruction(a: DeployAccounts, maxDataLen: number): TransactionInstruction {
  const data = tagged(DEPLOY_WITH_MAX_DATA_LEN, 8);
  data.writeBigUInt64LE(BigInt(maxDataLen), 4);
  return new TransactionInstruction({
    programId: BPF_LOADER_UPGRADEABLE_ID,
    keys: [
      { pubkey: a.payer, isSigner: true, isWritable: true },
      { pubkey: programDataAddress(a.programId), isSigner: false, isWritable: true },
      { pubkey: a.programId, isSigner: false, isWritable: true },
      { pubkey: a.buffer, isSigner: false, isWritable: true },
      { pubkey: SYSVAR_RENT_PUBKEY, isSigner: false, isWritable: false },
      { pubkey: SYSVAR_CLOCK_PUBKEY, isSigner: false, isWritable: false },
      { pubkey: SystemProgram.programId, isSigner: false, isWritable: false },
      { pubkey: a.authority, isSigner: true, isWritable: false },
    ],
    data,
  });
}

/** Replaces the program's bytes with the buffer's; the buffer's lamports go to `spill`. */
export function upgradeInstruction(a: {
  programId: PublicKey;
  buffer: PublicKey;
  spill: PublicKey;
  authority: PublicKey;
}): TransactionInstruction {
  return new TransactionInstruction({
    programId: BPF_LOADER_UPGRADEABLE_ID,
    keys: [
      { pubkey: programDataAddress(a.programId), isSigner: false, isWritable: true },
      { pubkey: a.programId, isSigner: false, isWritable: true },
      { pubkey: a.buffer, isSigner: false, isWritable: true },
      { pubkey: a.spill, isSigner: false, isWritable: true },
      { pubkey: SYSVAR_RENT_PUBKEY, isSigner: false, isWritable: false },
      { pubkey: SYSVAR_CLOCK_PUBKEY, isSigner: false, isWritable: false },
      { pubkey: a.authority, isSigner: true, isWritable: false },
    ],
    data: tagged(UPGRADE),
  });
}

/** Grows the program's ProgramData by `additionalBytes`, `payer` paying the added rent. */
export function extendProgramInstruction(
  programId: PublicKey,
  payer: PublicKey,
  additionalBytes: number,
): TransactionInstruction {
  const data = tagged(EXTEND_PROGRAM, 4);
  data.writeUInt32LE(additionalBytes, 4);
  return new TransactionInstruction({
    programId: BPF_LOADER_UPGRADEABLE_ID,
    keys: [
      { pubkey: programDataAddress(programId), isSigner: false, isWritable: true },
      { pubkey: programId, isSigner: false, isWritable: true },
      { pubkey: SystemProgram.programId, isSigner: false, isWritable: false },
      { pubkey: payer, isSigner: true, isWritable: true },
    ],
    data,
  });
}

/** Closes a buffer, its lamports going to `recipient`. */
export function closeBufferInstruction(
  buffer: PublicKey,
  recipient: PublicKey,
  authority: PublicKey,
): TransactionInstruction {
  return new TransactionInstruction({
    programId: BPF_LOADER_UPGRADEABLE_ID,
    keys: [
      { pubkey: buffer, isSigner: false, isWritable: true },
      { pubkey: recipient, isSigner: false, isWritable: true },
      { pubkey: authority, isSigner: true, isWritable: false },
    ],
    data: tagged(CLOSE),
  });
}

export interface BufferState {
  /** null: the buffer is immutable, nobody can write to it. */
  authority: PublicKey | null;
  /** The program bytes written so far (zeros where nothing was). */
  bytes: Buffer;
}

/** Decodes a Buffer account's data; null when it is some other loader state. */
export function decodeBufferAccount(data: Buffer): BufferState | null {
  if (data.length < BUFFER_METADATA_LEN || data.readUInt32LE(0) !== BUFFER_TAG) return null;
  return {
    authority: data[4] === 1 ? new PublicKey(data.subarray(5, 37)) : null,
    bytes: data.subarray(BUFFER_METADATA_LEN),
  };
}
