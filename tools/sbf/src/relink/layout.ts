/**
 * Output address assignment. The shared object is laid out so that every
 * virtual address equals its file offset (SBPF v0 loaders require
 * sh_addr == sh_offset) and the VM maps file offset 0 at MM_PROGRAM_START:
 *
 *   [ELF header][3 program headers][.text][.rodata] ... dynamic tables, section headers
 *
 * This module places `.text` and the merged `.rodata` and resolves symbols
 * to output addresses; writer.ts appends the dynamic tables.
 */
import {
  EHDR_SIZE,
  type ElfObject,
  type ElfSection,
  type ElfSymbol,
  PHDR_SIZE,
  SHN_ABS,
  SHN_COMMON,
  SHN_LORESERVE,
  SHN_UNDEF,
  sectionData,
} from "./elf.js";
import { hex, RelinkError } from "./errors.js";
import { INSN_SIZE } from "./opcodes.js";
import type { SectionPlan } from "./sections.js";

/** Virtual address at which the loader maps file offset 0 of the program. */
export const MM_PROGRAM_START = 0x1_0000_0000n;
export const PROGRAM_HEADER_COUNT = 3; // PT_LOAD text, PT_LOAD rodata+dynamic, PT_DYNAMIC
export const HEADERS_SIZE = EHDR_SIZE + PROGRAM_HEADER_COUNT * PHDR_SIZE;

export interface Region {
  /** Output file offset == virtual address relative to MM_PROGRAM_START. */
  readonly address: number;
  readonly size: number;
  readonly align: number;
}

export interface Layout {
  /** Output bytes [0, rodata end): zeroed header area, then .text and .rodata contents. */
  readonly image: Buffer;
  readonly text: Region;
  readonly rodata: Region;
  /** Every placed input section and its output address, keyed by input section index. */
  readonly placed: ReadonlyMap<number, PlacedSection>;
  /** Input section names, for messages. */
  readonly sectionName: (index: number) => string;
}

export interface PlacedSection {
  readonly section: ElfSection;
  readonly address: number;
}

export const alignUp = (value: number, align: number): number => Math.ceil(value / align) * align;

/** Places the planned sections and copies their contents into a fresh image. */
export function layoutImage(elf: ElfObject, plan: SectionPlan): Layout {
  const placed = new Map<number, PlacedSection>();
  const textAlign = Math.max(INSN_SIZE, plan.text.addralign);
  const textStart = alignUp(HEADERS_SIZE, textAlign);
  placed.set(plan.text.index, { section: plan.text, address: textStart });
  const textEnd = textStart + plan.text.size;

  const rodataAlign = Math.max(8, ...plan.rodata.map((s) => s.addralign));
  const rodataStart = alignUp(textEnd, rodataAlign);
  let cursor = rodataStart;
  for (const section of plan.rodata) {
    cursor = alignUp(cursor, section.addralign);
    placed.set(section.index, { section, address: cursor });
    cursor += section.size;
  }
  const rodataEnd = cursor;

  const image = Buffer.alloc(rodataEnd);
  for (const { section, address } of placed.values()) sectionData(elf, section).copy(image, address);
  return {
    image,
    text: { address: textStart, size: plan.text.size, align: textAlign },
    rodata: { address: rodataStart, size: rodataEnd - rodataStart, align: rodataAlign },
    placed,
    sectionName: (index) => elf.sections[index]?.name ?? `#${index}`,
  };
}

export type ResolvedSymbol =
  | { readonly kind: "undefined" }
  | { readonly kind: "absolute"; readonly value: bigint }
  | { readonly kind: "placed"; readonly address: number; readonly sectionIndex: number };

/** Display name of a symbol: its own name, or its section's name for section symbols. */
export function symbolName(layout: Layout, symbol: ElfSymbol): string {
  if (symbol.name !== "") return symbol.name;
  return symbol.shndx > SHN_UNDEF && symbol.shndx < SHN_LORESERVE
    ? layout.sectionName(symbol.shndx)
    : `symbol #${symbol.index}`;
}

/** Resolves a symbol to its output address (or reports that it is undefined / absolute). */
export function resolveSymbol(layout: Layout, symbol: ElfSymbol): ResolvedSymbol {
  if (symbol.shndx === SHN_UNDEF) return { kind: "undefined" };
  if (symbol.shndx === SHN_ABS) return { kind: "absolute", value: symbol.value };
  if (symbol.shndx === SHN_COMMON) {
    throw new RelinkError("COMMON_SYMBOL", `symbol ${symbol.name} is a common symbol`);
  }
  if (symbol.shndx >= SHN_LORESERVE) {
    throw new RelinkError(
      "MALFORMED_ELF",
      `symbol ${symbol.name} has unsupported special section index ${hex(symbol.shndx)}`,
    );
  }
  const home = layout.placed.get(symbol.shndx);
  if (home === undefined) {
    throw new RelinkError(
      "UNPLACED_SYMBOL",
      `${symbolName(layout, symbol)} is defined in section ${layout.sectionName(symbol.shndx)}, which is not loaded by SBPF ` +
        "(only code and read-only data are emitted)",
    );
  }
  if (symbol.value > BigInt(home.section.size)) {
    throw new RelinkError(
      "MALFORMED_ELF",
      `symbol ${symbolName(layout, symbol)} has value ${hex(symbol.value)} beyond the end of ${home.section.name}`,
    );
  }
  return { kind: "placed", address: home.address + Number(symbol.value), sectionIndex: symbol.shndx };
}

/** True if the output address lies inside the region. */
export const inRegion = (region: Region, address: number, size = 1): boolean =>
  address >= region.address && address + size <= region.address + region.size;
