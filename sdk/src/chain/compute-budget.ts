/**
 * Reads the ComputeBudget instructions of a message: the unit price (priority fee, in
 * micro-lamports per compute unit) and the unit limit, with the runtime's defaults, to state
 * a transaction's fee the way a node does.
 */
import { ComputeBudgetProgram, type VersionedMessage } from "@solana/web3.js";

export const LAMPORTS_PER_SIGNATURE = 5000n;
const DEFAULT_UNITS_PER_INSTRUCTION = 200_000;
const MAX_UNITS = 1_400_000;

const SET_UNIT_LIMIT = 2;
const SET_UNIT_PRICE = 3;

export interface ComputeBudget {
  /** Micro-lamports per compute unit; 0 without a SetComputeUnitPrice instruction. */
  unitPrice: bigint;
  unitLimit: number;
}

export function computeBudget(message: VersionedMessage): ComputeBudget {
  const programId = ComputeBudgetProgram.programId.toBase58();
  const keys = message.staticAccountKeys;
  let unitPrice = 0n;
  let unitLimit: number | undefined;
  let others = 0;
  for (const ix of message.compiledInstructions) {
    if (keys[ix.programIdIndex]?.toBase58() !== programId) {
      others++;
      continue;
    }
    const data = Buffer.from(ix.data);
    if (data[0] === SET_UNIT_PRICE && data.length >= 9) unitPrice = data.readBigUInt64LE(1);
    if (data[0] === SET_UNIT_LIMIT && data.length >= 5) unitLimit = data.readUInt32LE(1);
  }
  return { unitPrice, unitLimit: Math.min(unitLimit ?? others * DEFAULT_UNITS_PER_INSTRUCTION, MAX_UNITS) };
}

/** Base fee plus priority fee, in lamports (the priority part rounds up, as the runtime does). */
export function transactionFee(message: VersionedMessage): bigint {
  const { unitPrice, unitLimit } = computeBudget(message);
  const priority = (unitPrice * BigInt(unitLimit) + 999_999n) / 1_000_000n;
  return LAMPORTS_PER_SIGNATURE * BigInt(message.header.numRequiredSignatures) + priority;
}
