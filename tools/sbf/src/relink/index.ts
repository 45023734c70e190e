/**
 * ELF relinker: one relocatable EM_BPF object (ET_REL, from
 * `llc -march=bpfel -mcpu=v2 -filetype=obj` or `clang -target bpfel -mcpu=v2 -c`)
 * → an SBPF v0 shared object (ET_DYN) loadable by the Solana BPF loaders.
 *
 *   elf.ts       read the object
 *   sections.ts  choose .text / merge read-only data / reject mutable data
 *   layout.ts    assign output addresses, resolve symbols
 *   relocate.ts  apply R_BPF_64_64 / _ABS64 / _32, collect syscall relocations
 *   verify.ts    SBPF v0 instruction checks, callx fix-up
 *   writer.ts    emit headers, dynamic tables and section headers
 */
import {
  type ElfObject,
  type ElfSection,
  type ElfSymbol,
  readElf,
  readSymbols,
  SHN_COMMON,
  SHN_UNDEF,
  SHT_SYMTAB,
  STB_LOCAL,
} from "./elf.js";
import { hex, RelinkError } from "./errors.js";
import { type Layout, layoutImage, resolveSymbol } from "./layout.js";
import { INSN_SIZE } from "./opcodes.js";
import { applyRelocations } from "./relocate.js";
import { planSections } from "./sections.js";
import { instructionNamer } from "./symbolize.js";
import { fixCallx, verifyText } from "./verify.js";
import { writeSharedObject } from "./writer.js";

export { RelinkError, type RelinkErrorCode } from "./errors.js";
export { MM_PROGRAM_START } from "./layout.js";
export { SOLANA_SYSCALLS } from "./syscalls.js";

export const ENTRYPOINT_SYMBOL = "entrypoint";

export interface RelinkReport {
  /** Size of the emitted .text section in bytes. */
  readonly textBytes: number;
  /** Number of 8-byte instruction slots in .text (lddw takes two). */
  readonly instructions: number;
  /** Size of the emitted (merged) .rodata section in bytes. */
  readonly rodataBytes: number;
  /** Input sections merged into .rodata, in order. */
  readonly rodataSections: readonly string[];
  /** Allocated input sections deliberately not emitted (e.g. .eh_frame). */
  readonly droppedSections: readonly string[];
  /** Syscalls the program calls, in .dynsym order (first use). */
  readonly syscalls: readonly string[];
  /** Number of .rel.dyn entries (one per syscall call site). */
  readonly dynamicRelocations: number;
  /** Byte offset of `entrypoint` within .text. */
  readonly entrypointOffset: number;
  /** Number of callx instructions re-encoded for SBPF v0. */
  readonly callxFixed: number;
  /** Size of the output file in bytes. */
  readonly soBytes: number;
}

export interface RelinkResult {
  readonly so: Buffer;
  readonly report: RelinkReport;
}

function findSymbolTable(elf: ElfObject): ElfSection {
  const tables = elf.sections.filter((s) => s.type === SHT_SYMTAB);
  if (tables.length === 0)
    throw new RelinkError("NO_ENTRYPOINT", "object has no symbol table, so it cannot define entrypoint");
  if (tables.length > 1)
    throw new RelinkError("MALFORMED_ELF", `object has ${tables.length} symbol tables; expected one`);
  return tables[0] as ElfSection;
}

function rejectCommonSymbols(symbols: readonly ElfSymbol[]): void {
  const common = symbols.find((s) => s.shndx === SHN_COMMON);
  if (common) {
    throw new RelinkError(
      "COMMON_SYMBOL",
      `symbol ${common.name} (${common.size} bytes) is a common symbol, i.e. an uninitialised mutable global (e.g. \`int x;\` with -fcommon): ` +
        "Solana programs cannot have mutable globals. Make it const with an initialiser, or keep the state in an account",
    );
  }
}

/** Output address of the entrypoint function; it must be an instruction in .text. */
function findEntrypoint(symbols: readonly ElfSymbol[], layout: Layout, textIndex: number): number {
  const candidates = symbols.filter((s) => s.name === ENTRYPOINT_SYMBOL && s.shndx !== SHN_UNDEF);
  const symbol = candidates.find((s) => s.bind !== STB_LOCAL) ?? candidates[0];
  if (!symbol) {
    throw new RelinkError(
      "NO_ENTRYPOINT",
      `no symbol named ${ENTRYPOINT_SYMBOL} is defined; the program must define \`uint64_t ${ENTRYPOINT_SYMBOL}(const uint8_t *input)\``,
    );
  }
  const resolved = resolveSymbol(layout, symbol);
  if (resolved.kind !== "placed" || resolved.sectionIndex !== textIndex) {
    const where = resolved.kind === "placed" ? layout.sectionName(resolved.sectionIndex) : "an absolute address";
    throw new RelinkError(
      "NO_ENTRYPOINT",
      `symbol ${ENTRYPOINT_SYMBOL} is defined in ${where}, not in the text section`,
    );
  }
  if (
    (resolved.address - layout.text.address) % INSN_SIZE !== 0 ||
    resolved.address >= layout.text.address + layout.text.size
  ) {
    throw new RelinkError(
      "NO_ENTRYPOINT",
      `symbol ${ENTRYPOINT_SYMBOL} at ${hex(symbol.value)} is not an instruction boundary`,
    );
  }
  return resolved.address;
}

/**
 * Relinks one relocatable EM_BPF object into an SBPF v0 shared object.
 * Throws RelinkError (with a `.code`) if the object cannot run correctly on SBPF v0.
 */
export function relink(object: Uint8Array): RelinkResult {
  const elf = readElf(object);
  const symtab = findSymbolTable(elf);
  const symbols = readSymbols(elf, symtab);
  rejectCommonSymbols(symbols);
  const plan = planSections(elf, symbols);
  const layout = layoutImage(elf, plan);
  const entry = findEntrypoint(symbols, layout, plan.text.index);
  const nameInstruction = instructionNamer(symbols, plan.text.index);

  const relocated = applyRelocations(elf, symtab, symbols, layout, nameInstruction);
  const text = layout.image.subarray(layout.text.address, layout.text.address + layout.text.size);
  const callxFixed = fixCallx(text, nameInstruction);
  const instructions = verifyText(text, { ...relocated, nameInstruction });

  const so = writeSharedObject({ layout, entry, syscalls: relocated.syscalls, relocations: relocated.dynamic });
  return {
    so,
    report: {
      textBytes: layout.text.size,
      instructions,
      rodataBytes: layout.rodata.size,
      rodataSections: plan.rodata.map((s) => s.name),
      droppedSections: plan.dropped.map((s) => s.name),
      syscalls: relocated.syscalls,
      dynamicRelocations: relocated.dynamic.length,
      entrypointOffset: entry - layout.text.address,
      callxFixed,
      soBytes: so.length,
    },
  };
}

/** One-line human summary of a report. */
export function formatReport(report: RelinkReport): string {
  const parts = [
    `text ${report.textBytes} B (${report.instructions} insns, entrypoint at +${hex(report.entrypointOffset)})`,
    `rodata ${report.rodataBytes} B${report.rodataSections.length ? ` [${report.rodataSections.join(", ")}]` : ""}`,
    `syscalls [${report.syscalls.join(", ")}]`,
    `${report.dynamicRelocations} dynamic relocation${report.dynamicRelocations === 1 ? "" : "s"}`,
  ];
  if (report.callxFixed) parts.push(`${report.callxFixed} callx fixed`);
  if (report.droppedSections.length) parts.push(`dropped [${report.droppedSections.join(", ")}]`);
  parts.push(`${report.soBytes} B total`);
  return parts.join(", ");
}
