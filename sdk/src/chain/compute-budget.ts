/**
 * Reads the ComputeBudget instructions of a message: the unit price (priority fee, in
 * micro-lamports per compute unit) and the unit limit, with the runtime's defaults, to state
 * a transaction's fee the way a node does.
 */
import { ComputeBudgetProgram, type VersionedMessage } from "@solana/web3.js";
import type { WireTransaction } from "./wire-transaction.js";

export const LAMPORTS_PER_SIGNATURE = 5000n;
const DEFAULT_UNITS_PER_INSTRUCTION = 200_000;
const MAX_UNITS = 1_400_000;

const SET_UNIT_LIMIT = 2;
const SET_UNIT_PRICE = 3;

const COMPUTE_BUDGET_PROGRAM = ComputeBudgetProgram.programId.toBytes();

export interface ComputeBudget {
  /** Micro-lamports per compute unit; 0 without a SetComputeUnitPrice instruction. */
  unitPrice: bigint;
  unitLimit: number;
}

interface Instruction {
  programId: Uint8Array | undefined;
  data: Uint8Array;
}

function budgetOf(instructions: Instruction[]): ComputeBudget {
  let unitPrice = 0n;
  let unitLimit: number | undefined;
  let others = 0;
  for (const { programId, data } of instructions) {
    if (
      !programId ||
      !Buffer.from(programId.buffer, programId.byteOffset, programId.length).equals(COMPUTE_BUDGET_PROGRAM)
    ) {
      others++;
      continue;
    }
    const view = Buffer.from(data.buffer, data.byteOffset, data.length);
    if (view[0] === SET_UNIT_PRICE && view.length >= 9) unitPrice = view.readBigUInt64LE(1);
    if (view[0] === SET_UNIT_LIMIT && view.length >= 5) unitLimit = view.readUInt32LE(1);
  }
  return { unitPrice, unitLimit: Math.min(unitLimit ?? others * DEFAULT_UNITS_PER_INSTRUCTION, MAX_UNITS) };
}

export function computeBudget(message: VersionedMessage): ComputeBudget {
  const keys = message.staticAccountKeys;
  return budgetOf(
    message.compiledInstructions.map((ix) => ({ programId: keys[ix.programIdIndex]?.toBytes(), data: ix.data })),
  );
}

/** The same, read from wire bytes (see wire-transaction.ts). */
export function wireComputeBudget(tx: WireTransaction): ComputeBudget {
  return budgetOf(tx.instructions.map((ix) => ({ programId: tx.staticKeys[ix.programIdIndex], data: ix.data })));
}

/** Base fee plus priority fee, in lamports (the priority part rounds up, as the runtime does). */
function feeOf(numRequiredSignatures: number, { unitPrice, unitLimit }: ComputeBudget): bigint {
  const priority = (unitPrice * BigInt(unitLimit) + 999_999n) / 1_000_000n;
  return LAMPORTS_PER_SIGNATURE * BigInt(numRequiredSignatures) + priority;
}

export function transactionFee(message: VersionedMessage): bigint {
  return feeOf(message.header.numRequiredSignatures, computeBudget(message));
}

export function wireTransactionFee(tx: WireTransaction): bigint {
  return feeOf(tx.numRequiredSignatures, wireComputeBudget(tx));
}
