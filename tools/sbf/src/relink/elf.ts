/**
 * Minimal typed reader for ELF64 little-endian relocatable EM_BPF objects:
 * header, section headers, symbol tables and REL relocation tables.
 * It validates bounds as it goes so later stages can index buffers safely.
 */
import { hex, RelinkError } from "./errors.js";

export const ELF_MAGIC = 0x7f454c46; // "\x7fELF", read big-endian
export const ELFCLASS64 = 2;
export const ELFDATA2LSB = 1;
export const EV_CURRENT = 1;
export const ET_REL = 1;
export const ET_EXEC = 2;
export const ET_DYN = 3;
export const EM_BPF = 247;

export const EHDR_SIZE = 64;
export const PHDR_SIZE = 56;
export const SHDR_SIZE = 64;
export const SYM_SIZE = 24;
export const REL_SIZE = 16;
export const RELA_SIZE = 24;
export const DYN_SIZE = 16;

export const SHT_NULL = 0;
export const SHT_PROGBITS = 1;
export const SHT_SYMTAB = 2;
export const SHT_STRTAB = 3;
export const SHT_RELA = 4;
export const SHT_DYNAMIC = 6;
export const SHT_NOBITS = 8;
export const SHT_REL = 9;
export const SHT_DYNSYM = 11;

export const SHF_WRITE = 0x1;
export const SHF_ALLOC = 0x2;
export const SHF_EXECINSTR = 0x4;

export const SHN_UNDEF = 0;
export const SHN_LORESERVE = 0xff00;
export const SHN_ABS = 0xfff1;
export const SHN_COMMON = 0xfff2;
export const SHN_XINDEX = 0xffff;

export const STB_LOCAL = 0;
export const STB_GLOBAL = 1;
export const STB_WEAK = 2;
export const STT_NOTYPE = 0;
export const STT_OBJECT = 1;
export const STT_FUNC = 2;
export const STT_SECTION = 3;

export const PT_LOAD = 1;
export const PT_DYNAMIC = 2;
export const PF_X = 1;
export const PF_R = 4;

export interface ElfHeader {
  readonly type: number;
  readonly machine: number;
  readonly flags: number;
  readonly entry: bigint;
  readonly shoff: number;
  readonly shnum: number;
  readonly shstrndx: number;
}

export interface ElfSection {
  readonly index: number;
  readonly name: string;
  readonly type: number;
  readonly flags: number;
  readonly offset: number;
  readonly size: number;
  readonly link: number;
  readonly info: number;
  readonly addralign: number;
  readonly entsize: number;
}

export interface ElfSymbol {
  readonly index: number;
  readonly name: string;
  readonly value: bigint;
  readonly size: bigint;
  readonly type: number;
  readonly bind: number;
  readonly shndx: number;
}

export interface ElfRelocation {
  /** Offset of the patched location inside the target section. */
  readonly offset: number;
  readonly type: number;
  readonly symbol: number;
}

/** A parsed relocatable object. Section contents stay in `bytes`. */
export interface ElfObject {
  readonly bytes: Buffer;
  readonly header: ElfHeader;
  readonly sections: readonly ElfSection[];
}

const malformed = (message: string): RelinkError => new RelinkError("MALFORMED_ELF", message);

function toOffset(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw malformed(`${what} ${hex(value)} is out of range`);
  return Number(value);
}

function checkRange(bytes: Buffer, offset: number, size: number, what: string): void {
  if (offset < 0 || size < 0 || offset + size > bytes.length) {
    throw malformed(`${what} (offset ${hex(offset)}, ${size} bytes) lies outside the ${bytes.length}-byte file`);
  }
}

function readCString(bytes: Buffer, start: number, end: number, what: string): string {
  const nul = bytes.indexOf(0, start);
  if (start >= end || nul < 0 || nul >= end) throw malformed(`unterminated or out-of-range ${what}`);
  return bytes.toString("latin1", start, nul);
}

function readHeader(bytes: Buffer): ElfHeader {
  if (bytes.length < EHDR_SIZE || bytes.readUInt32BE(0) !== ELF_MAGIC) {
    throw new RelinkError(
      "NOT_BPF_OBJECT",
      "input is not an ELF file (bad magic); expected an object from llc/clang -target bpfel",
    );
  }
  if (bytes[4] !== ELFCLASS64) {
    throw new RelinkError("NOT_BPF_OBJECT", `input is not a 64-bit ELF (EI_CLASS=${bytes[4]}); expected ELFCLASS64`);
  }
  if (bytes[5] !== ELFDATA2LSB) {
    throw new RelinkError(
      "NOT_BPF_OBJECT",
      `input is not little-endian (EI_DATA=${bytes[5]}); build with -march=bpfel`,
    );
  }
  const machine = bytes.readUInt16LE(18);
  if (machine !== EM_BPF) {
    throw new RelinkError(
      "NOT_BPF_OBJECT",
      `input is for e_machine ${machine}, expected EM_BPF (247); build with -march=bpfel`,
    );
  }
  const type = bytes.readUInt16LE(16);
  if (type !== ET_REL) {
    const kind = type === ET_EXEC ? "ET_EXEC" : type === ET_DYN ? "ET_DYN" : `e_type ${type}`;
    throw new RelinkError(
      "NOT_BPF_OBJECT",
      `input is ${kind}, expected a relocatable object (ET_REL, the output of llc -filetype=obj / clang -c)`,
    );
  }
  if (bytes.readUInt16LE(58) !== SHDR_SIZE)
    throw malformed(`e_shentsize is ${bytes.readUInt16LE(58)}, expected ${SHDR_SIZE}`);
  return {
    type,
    machine,
    flags: bytes.readUInt32LE(48),
    entry: bytes.readBigUInt64LE(24),
    shoff: toOffset(bytes.readBigUInt64LE(40), "e_shoff"),
    shnum: bytes.readUInt16LE(60),
    shstrndx: bytes.readUInt16LE(62),
  };
}

interface RawSection extends Omit<ElfSection, "name"> {
  readonly nameOffset: number;
}

function readRawSection(bytes: Buffer, shoff: number, index: number): RawSection {
  const o = shoff + index * SHDR_SIZE;
  checkRange(bytes, o, SHDR_SIZE, `section header ${index}`);
  return {
    index,
    nameOffset: bytes.readUInt32LE(o),
    type: bytes.readUInt32LE(o + 4),
    flags: toOffset(bytes.readBigUInt64LE(o + 8), `sh_flags of section ${index}`),
    offset: toOffset(bytes.readBigUInt64LE(o + 24), `sh_offset of section ${index}`),
    size: toOffset(bytes.readBigUInt64LE(o + 32), `sh_size of section ${index}`),
    link: bytes.readUInt32LE(o + 40),
    info: bytes.readUInt32LE(o + 44),
    addralign: Math.max(1, toOffset(bytes.readBigUInt64LE(o + 48), `sh_addralign of section ${index}`)),
    entsize: toOffset(bytes.readBigUInt64LE(o + 56), `sh_entsize of section ${index}`),
  };
}

/** Parses and validates the ELF header and section header table. */
export function readElf(input: Uint8Array): ElfObject {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const header = readHeader(bytes);
  if (header.shoff === 0) throw malformed("object has no section header table");
  // Extended numbering: e_shnum == 0 / e_shstrndx == SHN_XINDEX keep the real values in section 0.
  const first = readRawSection(bytes, header.shoff, 0);
  const shnum = header.shnum === 0 ? first.size : header.shnum;
  const shstrndx = header.shstrndx === SHN_XINDEX ? first.link : header.shstrndx;
  checkRange(bytes, header.shoff, shnum * SHDR_SIZE, "section header table");
  const raw = Array.from({ length: shnum }, (_, i) => readRawSection(bytes, header.shoff, i));
  for (const s of raw) {
    if (s.type !== SHT_NOBITS && s.type !== SHT_NULL)
      checkRange(bytes, s.offset, s.size, `contents of section ${s.index}`);
  }
  const names = raw[shstrndx];
  if (!names || names.type !== SHT_STRTAB) throw malformed(`e_shstrndx ${shstrndx} does not name a string table`);
  const sections = raw.map(
    ({ nameOffset, ...s }): ElfSection => ({
      ...s,
      name: readCString(bytes, names.offset + nameOffset, names.offset + names.size, `name of section ${s.index}`),
    }),
  );
  return { bytes, header: { ...header, shnum, shstrndx }, sections };
}

/** Contents of a section (empty for SHT_NOBITS). */
export function sectionData(elf: ElfObject, section: ElfSection): Buffer {
  if (section.type === SHT_NOBITS) return Buffer.alloc(0);
  return elf.bytes.subarray(section.offset, section.offset + section.size);
}

function linkedSection(elf: ElfObject, section: ElfSection, expectedType: number, what: string): ElfSection {
  const linked = elf.sections[section.link];
  if (!linked || linked.type !== expectedType) {
    throw malformed(
      `section ${section.name} (#${section.index}) has sh_link ${section.link}, which is not its ${what}`,
    );
  }
  return linked;
}

/** Reads every entry of a SHT_SYMTAB section, resolving names through its linked string table. */
export function readSymbols(elf: ElfObject, symtab: ElfSection): ElfSymbol[] {
  if (symtab.entsize !== SYM_SIZE || symtab.size % SYM_SIZE !== 0) {
    throw malformed(
      `symbol table ${symtab.name} has entry size ${symtab.entsize} / size ${symtab.size}, expected multiples of ${SYM_SIZE}`,
    );
  }
  const strtab = linkedSection(elf, symtab, SHT_STRTAB, "string table");
  const b = elf.bytes;
  const symbols: ElfSymbol[] = [];
  for (let index = 0; index < symtab.size / SYM_SIZE; index++) {
    const o = symtab.offset + index * SYM_SIZE;
    const info = b[o + 4] ?? 0;
    const nameOffset = b.readUInt32LE(o);
    symbols.push({
      index,
      name:
        nameOffset === 0
          ? ""
          : readCString(b, strtab.offset + nameOffset, strtab.offset + strtab.size, `name of symbol ${index}`),
      type: info & 0xf,
      bind: info >> 4,
      shndx: b.readUInt16LE(o + 6),
      value: b.readBigUInt64LE(o + 8),
      size: b.readBigUInt64LE(o + 16),
    });
  }
  return symbols;
}

/** Reads the entries of a SHT_REL section. */
export function readRelocations(elf: ElfObject, rel: ElfSection): ElfRelocation[] {
  if (rel.type !== SHT_REL) throw malformed(`section ${rel.name} is not SHT_REL`);
  if (rel.entsize !== REL_SIZE || rel.size % REL_SIZE !== 0) {
    throw malformed(
      `relocation section ${rel.name} has entry size ${rel.entsize} / size ${rel.size}, expected multiples of ${REL_SIZE}`,
    );
  }
  const out: ElfRelocation[] = [];
  for (let o = rel.offset; o < rel.offset + rel.size; o += REL_SIZE) {
    const info = elf.bytes.readBigUInt64LE(o + 8);
    out.push({
      offset: toOffset(elf.bytes.readBigUInt64LE(o), `r_offset in ${rel.name}`),
      type: Number(info & 0xffffffffn),
      symbol: Number(info >> 32n),
    });
  }
  return out;
}
