/**
 * SBPF v0 instruction checks for the relocated text section.
 *
 * Mirrors the agave loader's verifier (so bad programs fail here, with a
 * readable message, rather than at deploy time) and additionally rejects
 * eBPF encodings that SBPF v0 would load but execute differently:
 *  - ALU32 class: SBPF v0 sign-extends 32-bit results into the 64-bit
 *    register; LLVM's alu32 code generation assumes zero-extension.
 *  - ALU64 with a non-zero offset field (eBPF v4 sdiv/smod/movsx): SBPF v0
 *    ignores the offset and would run the unsigned/plain variant.
 *  - call imm without a relocation and src != 1: an eBPF kernel helper id,
 *    which SBPF v0 would misread as a relative call.
 */
import { hex, RelinkError, type RelinkErrorCode } from "./errors.js";
import {
  CLASS_ALU32,
  CLASS_ALU64,
  CLASS_JMP32,
  INSN_SIZE,
  OP_BE,
  OP_CALLX,
  OP_LDDW,
  OP_LE,
  type OpcodeInfo,
  SBPF_V0_OPCODES,
  UNSUPPORTED_OPCODE_HINTS,
} from "./opcodes.js";
import type { InstructionNamer } from "./symbolize.js";

const FRAME_POINTER = 10;
const BPF_PSEUDO_CALL = 1;

export interface Instruction {
  readonly index: number;
  readonly opcode: number;
  readonly dst: number;
  readonly src: number;
  readonly offset: number;
  readonly imm: number;
}

export function decode(text: Buffer, index: number): Instruction {
  const o = index * INSN_SIZE;
  const regs = text[o + 1] ?? 0;
  return {
    index,
    opcode: text[o] ?? 0,
    dst: regs & 0x0f,
    src: regs >> 4,
    offset: text.readInt16LE(o + 2),
    imm: text.readInt32LE(o + 4),
  };
}

export interface CodeContext {
  /** Instruction indices of syscall call sites (imm -1, patched by the loader). */
  readonly syscallSites: ReadonlySet<number>;
  /** Instruction indices of calls the relinker resolved from relocations. */
  readonly internalCalls: ReadonlySet<number>;
  readonly nameInstruction: InstructionNamer;
}

/**
 * LLVM encodes `callx rN` with the register in dst; SBPF v0 reads it from
 * imm. Copies dst into imm for every callx. Returns how many were fixed.
 */
export function fixCallx(text: Buffer, nameInstruction: InstructionNamer): number {
  let fixed = 0;
  for (let index = 0; index < text.length / INSN_SIZE; index++) {
    const insn = decode(text, index);
    if (insn.opcode === OP_LDDW) {
      index++; // skip the second lddw slot: its bytes are immediate data
      continue;
    }
    if (insn.opcode !== OP_CALLX) continue;
    if (insn.dst === 0 || insn.imm === insn.dst) continue; // register already in imm (SBPF style), or callx r0
    if (insn.imm !== 0) {
      throw new RelinkError(
        "INVALID_REGISTER",
        `callx at instruction ${nameInstruction(index)} names r${insn.dst} in dst but ${insn.imm} in imm; cannot tell which register is meant`,
      );
    }
    text.writeInt32LE(insn.dst, index * INSN_SIZE + 4);
    fixed++;
  }
  return fixed;
}

class TextVerifier {
  private readonly count: number;

  constructor(
    private readonly text: Buffer,
    private readonly ctx: CodeContext,
  ) {
    this.count = text.length / INSN_SIZE;
  }

  run(): number {
    if (this.text.length === 0 || this.text.length % INSN_SIZE !== 0) {
      throw new RelinkError(
        "MALFORMED_ELF",
        `text section is ${this.text.length} bytes; expected a non-empty multiple of 8`,
      );
    }
    for (let index = 0; index < this.count; index++) {
      const insn = decode(this.text, index);
      const info = this.classify(insn);
      this.checkOperands(insn, info);
      this.checkRegisters(insn, info);
      if (info.rule === "lddw") index++;
    }
    return this.count;
  }

  private fail(code: RelinkErrorCode, insn: Instruction, message: string): never {
    throw new RelinkError(
      code,
      `instruction ${this.ctx.nameInstruction(insn.index)}, opcode ${hex(insn.opcode)}: ${message}`,
    );
  }

  /** Rejects whole instruction classes and encodings, returning the opcode's rules. */
  private classify(insn: Instruction): OpcodeInfo {
    const cls = insn.opcode & 0x07;
    if (cls === CLASS_JMP32) {
      this.fail("JMP32", insn, "32-bit jump (JMP32 class) does not exist in SBPF v0; build with -mcpu=v2 (not v3/v4)");
    }
    if (cls === CLASS_ALU32 && insn.opcode !== OP_LE && insn.opcode !== OP_BE) {
      this.fail(
        "ALU32",
        insn,
        "32-bit ALU instruction (ALU32 class): SBPF v0 sign-extends 32-bit results where eBPF zero-extends them, " +
          "so this code would compute wrong values; build with -mcpu=v2 and without -mattr=+alu32",
      );
    }
    if (cls === CLASS_ALU64 && insn.offset !== 0) {
      const base = insn.opcode & 0xf7;
      if ((base === 0x37 || base === 0x97) && insn.offset === 1) {
        this.fail(
          "SIGNED_DIVISION",
          insn,
          "eBPF v4 signed division/modulo (sdiv/smod) would run as unsigned on SBPF v0; build with -mcpu=v2 and use unsigned arithmetic",
        );
      }
      if (insn.opcode === 0xbf && [8, 16, 32].includes(insn.offset)) {
        this.fail(
          "SIGN_EXTENSION",
          insn,
          `eBPF v4 sign-extending move (movsx from ${insn.offset} bits) would run as a plain mov on SBPF v0; build with -mcpu=v2`,
        );
      }
      this.fail(
        "NONZERO_OFFSET",
        insn,
        `ALU64 instruction with offset ${insn.offset}; SBPF v0 ignores the offset field (eBPF v4 encoding?)`,
      );
    }
    const info = SBPF_V0_OPCODES.get(insn.opcode);
    if (!info) {
      const hint = UNSUPPORTED_OPCODE_HINTS.get(insn.opcode);
      this.fail("UNKNOWN_OPCODE", insn, `not a valid SBPF v0 instruction${hint ? ` (${hint})` : ""}`);
    }
    return info;
  }

  private checkOperands(insn: Instruction, info: OpcodeInfo): void {
    switch (info.rule) {
      case "lddw":
        if (insn.index + 1 >= this.count)
          this.fail("MALFORMED_LDDW", insn, "lddw is the last instruction; its second slot is missing");
        if (this.text[(insn.index + 1) * INSN_SIZE] !== 0)
          this.fail("MALFORMED_LDDW", insn, "the second slot of lddw must have opcode 0");
        return;
      case "jump":
        this.checkTarget(insn, insn.index + 1 + insn.offset, "BAD_JUMP", "jump");
        return;
      case "shift":
        if (insn.imm < 0 || insn.imm >= 64)
          this.fail("INVALID_IMMEDIATE", insn, `${info.mnemonic} by ${insn.imm} bits; must be 0..63`);
        return;
      case "nonzero":
        if (insn.imm === 0) this.fail("INVALID_IMMEDIATE", insn, `${info.mnemonic} by constant zero`);
        return;
      case "endian":
        if (![16, 32, 64].includes(insn.imm))
          this.fail("INVALID_IMMEDIATE", insn, `${info.mnemonic}${insn.imm}: width must be 16, 32 or 64`);
        return;
      case "callx":
        if (insn.imm < 0 || insn.imm > 9)
          this.fail("INVALID_REGISTER", insn, `callx through r${insn.imm}; must be r0..r9`);
        return;
      case "call":
        this.checkCall(insn);
        return;
      default:
        return;
    }
  }

  private checkCall(insn: Instruction): void {
    if (this.ctx.syscallSites.has(insn.index)) return; // imm -1, resolved by the loader via .rel.dyn
    const relocated = this.ctx.internalCalls.has(insn.index);
    if (!relocated && insn.src !== BPF_PSEUDO_CALL) {
      this.fail(
        "HELPER_CALL",
        insn,
        `call to eBPF kernel helper #${insn.imm}; kernel helpers do not exist on Solana and SBPF v0 would treat the id as a relative call (call syscalls by name)`,
      );
    }
    if (insn.imm === -1) this.fail("UNRESOLVED_CALL", insn, "call -1 without a relocation: the call target is unknown");
    this.checkTarget(insn, insn.index + 1 + insn.imm, "CALL_OUTSIDE_TEXT", "call");
  }

  private checkTarget(insn: Instruction, target: number, code: RelinkErrorCode, what: string): void {
    if (target < 0 || target >= this.count) {
      this.fail(code, insn, `${what} target #${target} is outside the text section (${this.count} instructions)`);
    }
    if (this.text[target * INSN_SIZE] === 0) {
      this.fail("BAD_JUMP", insn, `${what} target ${this.ctx.nameInstruction(target)} is the second half of an lddw`);
    }
  }

  /** The loader's register rules: src <= r10; dst <= r9, or r10 as the base of a store. */
  private checkRegisters(insn: Instruction, info: OpcodeInfo): void {
    if (insn.src > FRAME_POINTER) this.fail("INVALID_REGISTER", insn, `source register r${insn.src} does not exist`);
    if (insn.dst > FRAME_POINTER)
      this.fail("INVALID_REGISTER", insn, `destination register r${insn.dst} does not exist`);
    if (insn.dst === FRAME_POINTER && info.rule !== "store") {
      this.fail(
        "INVALID_REGISTER",
        insn,
        `${info.mnemonic} uses r10 as its destination operand; only stores may (r10 is the read-only frame pointer)`,
      );
    }
  }
}

/** Verifies the relocated text section. Returns the instruction count. */
export function verifyText(text: Buffer, ctx: CodeContext): number {
  return new TextVerifier(text, ctx).run();
}
