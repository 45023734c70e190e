/**
 * Error type thrown by the relinker. Every rejection carries a stable
 * machine-readable `code` and a human message that names the offending
 * section, symbol or instruction.
 */

export type RelinkErrorCode =
  // ELF container problems
  | "NOT_BPF_OBJECT" // not an ELF64 little-endian EM_BPF ET_REL object
  | "MALFORMED_ELF" // structurally broken (out-of-bounds tables, bad entry sizes, ...)
  // section / symbol level
  | "NO_TEXT" // no executable code at all
  | "MULTIPLE_TEXT" // more than one non-empty executable section (function sections)
  | "WRITABLE_DATA" // .data/.bss/any writable or NOBITS allocated section
  | "UNSUPPORTED_SECTION" // allocated section of a type we cannot map (notes, TLS, ...)
  | "COMMON_SYMBOL" // SHN_COMMON symbol (tentative definition, i.e. zero-initialised global)
  | "NO_ENTRYPOINT" // no `entrypoint` function in the text section
  // relocation level
  | "RELA" // SHT_RELA relocations (BPF objects use SHT_REL with implicit addends)
  | "UNSUPPORTED_RELOCATION" // relocation type other than R_BPF_64_64 / _ABS64 / _32 (or NONE)
  | "MISPLACED_RELOCATION" // relocation not on the instruction/data it is meant for
  | "UNDEFINED_SYMBOL" // data reference to a symbol that is not defined in the object
  | "UNPLACED_SYMBOL" // reference to a symbol in a section that is not part of the output
  | "UNKNOWN_SYSCALL" // call to an undefined function that is not a Solana syscall
  | "CALL_OUTSIDE_TEXT" // call whose target is not an instruction in the text section
  // instruction level (SBPF v0 verifier)
  | "ALU32" // 32-bit ALU class (sign-extends on SBPF v0, zero-extends on eBPF)
  | "JMP32" // 32-bit jump class (does not exist in SBPF v0)
  | "SIGNED_DIVISION" // eBPF v4 sdiv/smod (ALU64 div/mod with offset 1)
  | "SIGN_EXTENSION" // eBPF v4 movsx (ALU64 mov with offset 8/16/32)
  | "NONZERO_OFFSET" // any other ALU64 instruction with a non-zero offset field
  | "UNKNOWN_OPCODE" // opcode SBPF v0 does not implement
  | "MALFORMED_LDDW" // lddw without its second slot
  | "BAD_JUMP" // jump out of the text section or into the middle of an lddw
  | "INVALID_REGISTER" // register number the SBPF v0 verifier rejects
  | "INVALID_IMMEDIATE" // shift >= 64, division by constant zero, bad endian width
  | "HELPER_CALL" // eBPF kernel helper call (call imm without relocation)
  | "UNRESOLVED_CALL"; // call -1 that has no relocation

export class RelinkError extends Error {
  override readonly name = "RelinkError";

  constructor(
    readonly code: RelinkErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Formats a byte offset or address as 0x-prefixed hex. */
export function hex(value: number | bigint): string {
  return `0x${value.toString(16)}`;
}
