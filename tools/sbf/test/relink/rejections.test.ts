import assert from "node:assert/strict";
import { RelinkError, type RelinkErrorCode, relink } from "../../src/relink";
import { type ElfObject, type ElfSection, readElf, readSymbols, SHT_SYMTAB } from "../../src/relink/elf.js";
import { assertRelinkError, fixture } from "./helpers.js";

/** Compiled negative fixtures: object file, expected code, fragments the message must contain. */
const FIXTURE_CASES: ReadonlyArray<readonly [string, RelinkErrorCode, readonly string[]]> = [
  ["alu32.o", "ALU32", ["instruction #1 (entrypoint+0x8)", "ALU32", "-mcpu=v2", "alu32"]],
  ["jmp32.o", "JMP32", ["instruction #1 (entrypoint+0x8)", "JMP32", "-mcpu=v2"]],
  ["sdiv.o", "SIGNED_DIVISION", ["instruction #2 (entrypoint+0x10)", "sdiv", "unsigned"]],
  ["movsx.o", "SIGN_EXTENSION", ["entrypoint", "movsx", "8 bits"]],
  ["atomic.o", "UNKNOWN_OPCODE", ["opcode 0xdb", "atomic"]],
  ["helper_call.o", "HELPER_CALL", ["instruction #0 (entrypoint)", "kernel helper #6"]],
  ["data.o", "WRITABLE_DATA", ["section .data", "counter", "mutable"]],
  ["bss.o", "WRITABLE_DATA", ["section .bss", "scratch", "zero-initialised"]],
  ["common.o", "COMMON_SYMBOL", ["total", "common symbol"]],
  ["unknown_syscall.o", "UNKNOWN_SYSCALL", ["memcmp", "entrypoint", "not a Solana syscall", "sol_memcmp_"]],
  ["function_sections.o", "MULTIPLE_TEXT", [".text.helper", ".text.entrypoint", "-ffunction-sections"]],
  ["custom_section.o", "MULTIPLE_TEXT", [".text", ".text.helpers", "custom sections"]],
  ["no_entrypoint.o", "NO_ENTRYPOINT", ["entrypoint"]],
  ["abs32.o", "UNSUPPORTED_RELOCATION", ["R_BPF_64_ABS32", "value", ".data.rel.ro"]],
  ["call_data.o", "CALL_OUTSIDE_TEXT", ["not_code", "not an instruction in the text section"]],
  ["undefined_data.o", "UNDEFINED_SYMBOL", ["config", "instruction #0 (entrypoint)"]],
];

describe("relink: rejected programs", () => {
  for (const [name, code, fragments] of FIXTURE_CASES) {
    it(`${name} -> ${code}`, () => {
      assertRelinkError(() => relink(fixture(name)), code, ...fragments);
    });
  }

  it("exposes RelinkError as an Error subclass with a code", () => {
    const error = assertRelinkError(() => relink(fixture("alu32.o")), "ALU32");
    assert.ok(error instanceof Error);
    assert.ok(error instanceof RelinkError);
    assert.equal(error.name, "RelinkError");
  });
});

/** golden.o with a mutation applied to a copy of its bytes. */
function mutated(mutate: (bytes: Buffer, elf: ElfObject) => void): Buffer {
  const bytes = Buffer.from(fixture("golden.o"));
  mutate(bytes, readElf(bytes));
  return bytes;
}

function section(elf: ElfObject, name: string): ElfSection {
  const found = elf.sections.find((s) => s.name === name);
  assert.ok(found, name);
  return found;
}

const sectionHeader = (elf: ElfObject, s: ElfSection) => elf.header.shoff + s.index * 64;
/** File offset of relocation entry `k` in .rel.text. */
const relEntry = (elf: ElfObject, k: number) => section(elf, ".rel.text").offset + k * 16;
const setRelType = (b: Buffer, at: number, type: number) => b.writeUInt32LE(type, at + 8);
/** File offset of the first symbol matching `pred` in .symtab. */
function symbolEntry(elf: ElfObject, pred: (s: ReturnType<typeof readSymbols>[number]) => boolean): number {
  const symtab = elf.sections.find((s) => s.type === SHT_SYMTAB);
  assert.ok(symtab);
  const symbol = readSymbols(elf, symtab).find(pred);
  assert.ok(symbol);
  return symtab.offset + symbol.index * 24;
}

describe("relink: rejected ELF files", () => {
  it("rejects data that is not ELF", () => {
    assertRelinkError(
      () => relink(Buffer.from("#!/bin/sh\necho not an object\n".repeat(4))),
      "NOT_BPF_OBJECT",
      "not an ELF file",
    );
    assertRelinkError(() => relink(new Uint8Array(0)), "NOT_BPF_OBJECT", "not an ELF file");
  });

  it("rejects 32-bit ELF", () => {
    const b = mutated((b) => {
      b[4] = 1;
    });
    assertRelinkError(() => relink(b), "NOT_BPF_OBJECT", "64-bit");
  });

  it("rejects big-endian ELF", () => {
    const b = mutated((b) => {
      b[5] = 2;
    });
    assertRelinkError(() => relink(b), "NOT_BPF_OBJECT", "little-endian", "bpfel");
  });

  it("rejects other machines", () => {
    const b = mutated((b) => b.writeUInt16LE(62, 18)); // EM_X86_64
    assertRelinkError(() => relink(b), "NOT_BPF_OBJECT", "e_machine 62", "EM_BPF");
  });

  it("rejects ET_EXEC", () => {
    const b = mutated((b) => b.writeUInt16LE(2, 16));
    assertRelinkError(() => relink(b), "NOT_BPF_OBJECT", "ET_EXEC", "ET_REL");
  });

  it("rejects an already linked shared object", () => {
    assertRelinkError(() => relink(fixture("golden.so")), "NOT_BPF_OBJECT", "ET_DYN");
  });

  it("rejects RELA relocations", () => {
    const b = mutated((b, elf) => b.writeUInt32LE(4, sectionHeader(elf, section(elf, ".rel.text")) + 4));
    assertRelinkError(() => relink(b), "RELA", ".rel.text", ".text", "REL");
  });

  it("rejects unknown relocation types", () => {
    const b = mutated((b, elf) => setRelType(b, relEntry(elf, 0), 8));
    assertRelinkError(() => relink(b), "UNSUPPORTED_RELOCATION", "relocation type 8", "handler_a");
  });

  it("rejects R_BPF_64_NODYLD32 outside debug sections", () => {
    const b = mutated((b, elf) => setRelType(b, relEntry(elf, 0), 4));
    assertRelinkError(() => relink(b), "UNSUPPORTED_RELOCATION", "R_BPF_64_NODYLD32");
  });

  it("rejects R_BPF_64_64 that is not on an lddw", () => {
    // entry 0 is the lddw at .text+0x0; +0x10 is `r2 = 9`
    const b = mutated((b, elf) => b.writeBigUInt64LE(0x10n, relEntry(elf, 0)));
    assertRelinkError(() => relink(b), "MISPLACED_RELOCATION", "R_BPF_64_64", "lddw", "#2 (handler_a+0x10)");
  });

  it("rejects R_BPF_64_32 that is not on a call", () => {
    // entry 1 is the sol_log_ call at .text+0x18; +0x10 is `r2 = 9`
    const b = mutated((b, elf) => b.writeBigUInt64LE(0x10n, relEntry(elf, 1)));
    assertRelinkError(() => relink(b), "MISPLACED_RELOCATION", "R_BPF_64_32", "sol_log_", "call instruction");
  });

  it("rejects two relocations of the same location", () => {
    const b = mutated((b, elf) => b.copy(b, relEntry(elf, 0), relEntry(elf, 1), relEntry(elf, 2)));
    assertRelinkError(() => relink(b), "MISPLACED_RELOCATION", "same location", ".text+0x18");
  });

  it("rejects references to symbols in sections that are not emitted", () => {
    const b = mutated((b, elf) => {
      const rodata = section(elf, ".rodata.str1.16").index;
      const at = symbolEntry(elf, (s) => s.type === 3 && s.shndx === rodata);
      b.writeUInt16LE(section(elf, ".eh_frame").index, at + 6);
    });
    assertRelinkError(() => relink(b), "UNPLACED_SYMBOL", ".eh_frame");
  });

  it("rejects an entrypoint that is not code", () => {
    const b = mutated((b, elf) => {
      const at = symbolEntry(elf, (s) => s.name === "entrypoint");
      b.writeUInt16LE(section(elf, ".rodata").index, at + 6); // st_shndx
      b.writeBigUInt64LE(0n, at + 8); // st_value
    });
    assertRelinkError(() => relink(b), "NO_ENTRYPOINT", "entrypoint", ".rodata", "not in the text section");
  });

  it("rejects truncated and out-of-range tables", () => {
    const golden = fixture("golden.o");
    assertRelinkError(() => relink(golden.subarray(0, 200)), "MALFORMED_ELF", "outside");
    const b = mutated((b) => b.writeBigUInt64LE(0xffff_ffffn, 40)); // e_shoff
    assertRelinkError(() => relink(b), "MALFORMED_ELF", "section header");
  });

  it("rejects writable or zero-initialised sections even when empty of symbols", () => {
    // Turn the (read-only) .rodata into a .bss-like NOBITS section.
    const nobits = mutated((b, elf) => b.writeUInt32LE(8, sectionHeader(elf, section(elf, ".rodata")) + 4));
    assertRelinkError(() => relink(nobits), "WRITABLE_DATA", ".rodata", "zero-initialised");
    // Mark .rodata.str1.16 writable.
    const writable = mutated((b, elf) => {
      const at = sectionHeader(elf, section(elf, ".rodata.str1.16")) + 8;
      b.writeBigUInt64LE(b.readBigUInt64LE(at) | 1n, at);
    });
    assertRelinkError(() => relink(writable), "WRITABLE_DATA", ".rodata.str1.16", "writable");
  });
});
