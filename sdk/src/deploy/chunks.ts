/**
 * How the program bytes are cut into Write transactions, and which pieces the buffer on-chain
 * already holds. Comparing with the buffer (rather than remembering progress in a local file)
 * is what makes a deployment resumable from anywhere: whatever landed before a failure is
 * skipped, whatever did not is written again.
 */
import { PACKET_DATA_SIZE, type PublicKey, Transaction } from "@solana/web3.js";
import { writeInstruction } from "./loader-instructions.js";

/** Any 32 bytes do as a blockhash for measuring: it is never sent. */
const MEASURING_BLOCKHASH = "11111111111111111111111111111111";

/**
 * The largest chunk whose Write transaction fits in a packet, with `payer` paying and
 * `authority` signing (one signature when they are the same key).
 */
export function maxChunkSize(payer: PublicKey, authority: PublicKey, buffer: PublicKey): number {
  const tx = new Transaction({ feePayer: payer, recentBlockhash: MEASURING_BLOCKHASH });
  tx.add(writeInstruction(buffer, authority, 0, new Uint8Array(0)));
  const signatures = payer.equals(authority) ? 1 : 2;
  const emptySize = 1 + 64 * signatures + tx.serializeMessage().length;
  // The instruction's data length is a compact-u16: one byte when empty, two for a real chunk.
  return PACKET_DATA_SIZE - emptySize - 1;
}

export interface Chunk {
  index: number;
  offset: number;
  bytes: Buffer;
  /** The buffer already holds exactly these bytes at this offset. */
  upToDate: boolean;
}

/** `onChain`: the buffer's program bytes as they are now (zeros where nothing was written). */
export function planChunks(elf: Buffer, onChain: Buffer, chunkSize: number): Chunk[] {
  const chunks: Chunk[] = [];
  for (let offset = 0, index = 0; offset < elf.length; offset += chunkSize, index++) {
    const bytes = elf.subarray(offset, Math.min(offset + chunkSize, elf.length));
    const current = onChain.subarray(offset, offset + bytes.length);
    chunks.push({ index, offset, bytes, upToDate: current.equals(bytes) });
  }
  return chunks;
}
