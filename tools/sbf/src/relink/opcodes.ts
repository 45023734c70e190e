/**
 * The SBPF v0 instruction set, as accepted by the agave loader's
 * RequisiteVerifier for SBPFVersion::V0 (solana-sbpf / solana_rbpf), minus
 * the 32-bit ALU class, which the relinker rejects because its semantics
 * differ from eBPF (see verify.ts).
 */

/** Size of one instruction slot (lddw takes two). */
export const INSN_SIZE = 8;

export const CLASS_ALU32 = 0x04;
export const CLASS_JMP32 = 0x06;
export const CLASS_ALU64 = 0x07;

export const OP_LDDW = 0x18;
export const OP_JA = 0x05;
export const OP_CALL = 0x85;
export const OP_CALLX = 0x8d;
export const OP_EXIT = 0x95;
export const OP_LE = 0xd4;
export const OP_BE = 0xdc;

/** What the verifier checks beyond the opcode itself. */
export type OperandRule =
  | "none"
  | "store" // ST/STX: dst may be r10
  | "lddw" // two slots, second opcode 0
  | "jump" // target in range, not inside an lddw
  | "shift" // 0 <= imm < 64
  | "nonzero" // constant divisor must not be 0
  | "endian" // imm is 16, 32 or 64
  | "call"
  | "callx";

export interface OpcodeInfo {
  readonly mnemonic: string;
  readonly rule: OperandRule;
}

const table = new Map<number, OpcodeInfo>();
const def = (opcode: number, mnemonic: string, rule: OperandRule = "none"): void => {
  table.set(opcode, { mnemonic, rule });
};

def(OP_LDDW, "lddw", "lddw");
for (const [op, size] of [
  [0x61, "w"],
  [0x69, "h"],
  [0x71, "b"],
  [0x79, "dw"],
] as const)
  def(op, `ldx${size}`);
for (const [op, size] of [
  [0x62, "w"],
  [0x6a, "h"],
  [0x72, "b"],
  [0x7a, "dw"],
] as const)
  def(op, `st${size}`, "store");
for (const [op, size] of [
  [0x63, "w"],
  [0x6b, "h"],
  [0x73, "b"],
  [0x7b, "dw"],
] as const)
  def(op, `stx${size}`, "store");

const alu64: ReadonlyArray<readonly [number, string, OperandRule]> = [
  [0x00, "add64", "none"],
  [0x10, "sub64", "none"],
  [0x20, "mul64", "none"],
  [0x30, "div64", "nonzero"],
  [0x40, "or64", "none"],
  [0x50, "and64", "none"],
  [0x60, "lsh64", "shift"],
  [0x70, "rsh64", "shift"],
  [0x90, "mod64", "nonzero"],
  [0xa0, "xor64", "none"],
  [0xb0, "mov64", "none"],
  [0xc0, "arsh64", "shift"],
];
for (const [op, name, immRule] of alu64) {
  def(CLASS_ALU64 | op, `${name} imm`, immRule);
  def(CLASS_ALU64 | 0x08 | op, `${name} reg`);
}
def(0x87, "neg64");
def(OP_LE, "le", "endian");
def(OP_BE, "be", "endian");

def(OP_JA, "ja", "jump");
for (const [op, name] of [
  [0x10, "jeq"],
  [0x20, "jgt"],
  [0x30, "jge"],
  [0x40, "jset"],
  [0x50, "jne"],
  [0x60, "jsgt"],
  [0x70, "jsge"],
  [0xa0, "jlt"],
  [0xb0, "jle"],
  [0xc0, "jslt"],
  [0xd0, "jsle"],
] as const) {
  def(0x05 | op, `${name} imm`, "jump");
  def(0x0d | op, `${name} reg`, "jump");
}
def(OP_CALL, "call", "call");
def(OP_CALLX, "callx", "callx");
def(OP_EXIT, "exit");

/** Opcodes valid in SBPF v0 (excluding the ALU32 class). */
export const SBPF_V0_OPCODES: ReadonlyMap<number, OpcodeInfo> = table;

/** Explanations for eBPF opcodes that exist upstream but not in SBPF v0. */
export const UNSUPPORTED_OPCODE_HINTS: ReadonlyMap<number, string> = new Map([
  [0xc3, "32-bit atomic operation (lock/atomic_fetch_*); SBPF v0 has no atomics"],
  [0xdb, "64-bit atomic operation (lock/atomic_fetch_*); SBPF v0 has no atomics"],
  [0x81, "eBPF v4 sign-extending load; build with -mcpu=v2"],
  [0x89, "eBPF v4 sign-extending load; build with -mcpu=v2"],
  [0x91, "eBPF v4 sign-extending load; build with -mcpu=v2"],
  [0xd7, "eBPF v4 bswap; build with -mcpu=v2"],
  [0x20, "legacy packet access (ld_abs) does not exist on Solana"],
  [0x28, "legacy packet access (ld_abs) does not exist on Solana"],
  [0x30, "legacy packet access (ld_abs) does not exist on Solana"],
  [0x40, "legacy packet access (ld_ind) does not exist on Solana"],
  [0x48, "legacy packet access (ld_ind) does not exist on Solana"],
  [0x50, "legacy packet access (ld_ind) does not exist on Solana"],
  [0x8f, "neg64 has no register form"],
]);
