/**
 * Serialises the relocated image as an SBPF v0 shared object:
 *
 *   ELF header | PT_LOAD(R+X) .text | PT_LOAD(R) .rodata .dynamic .dynsym .dynstr .rel.dyn | PT_DYNAMIC
 *   .shstrtab | section header table
 *
 * Virtual addresses equal file offsets. Only syscalls are left to the loader
 * (R_BPF_64_32 against undefined dynamic symbols); e_flags 0 selects SBPF v0.
 */
import {
  DYN_SIZE,
  EHDR_SIZE,
  EM_BPF,
  ET_DYN,
  EV_CURRENT,
  PF_R,
  PF_X,
  PHDR_SIZE,
  PT_DYNAMIC,
  PT_LOAD,
  REL_SIZE,
  SHDR_SIZE,
  SHF_ALLOC,
  SHF_EXECINSTR,
  SHF_WRITE,
  SHT_DYNAMIC,
  SHT_DYNSYM,
  SHT_NULL,
  SHT_PROGBITS,
  SHT_REL,
  SHT_STRTAB,
  STB_GLOBAL,
  STT_NOTYPE,
  SYM_SIZE,
} from "./elf.js";
import { alignUp, type Layout, PROGRAM_HEADER_COUNT } from "./layout.js";
import { type DynamicRelocation, R_BPF_64_32 } from "./relocate.js";

const PF_W = 2;
const DT_NULL = 0;
const DT_STRTAB = 5;
const DT_SYMTAB = 6;
const DT_STRSZ = 10;
const DT_SYMENT = 11;
const DT_REL = 17;
const DT_RELSZ = 18;
const DT_RELENT = 19;
const DT_FLAGS = 30;
const DF_TEXTREL = 0x4;

export interface SharedObjectSpec {
  readonly layout: Layout;
  /** Output address of the entrypoint instruction. */
  readonly entry: number;
  /** Undefined dynamic symbols, dynsym index = position + 1. */
  readonly syscalls: readonly string[];
  readonly relocations: readonly DynamicRelocation[];
}

interface OutputSection {
  readonly name: string;
  readonly type: number;
  readonly flags: number;
  readonly offset: number;
  readonly size: number;
  readonly link?: string;
  readonly info?: number;
  readonly align: number;
  readonly entsize?: number;
}

/** NUL-separated string table with a leading empty string; returns the buffer and each string's offset. */
function stringTable(strings: readonly string[]): { bytes: Buffer; offsets: Map<string, number> } {
  const offsets = new Map<string, number>();
  const parts: Buffer[] = [Buffer.alloc(1)];
  let size = 1;
  for (const s of strings) {
    if (offsets.has(s)) continue;
    offsets.set(s, size);
    const b = Buffer.from(`${s}\0`, "latin1");
    parts.push(b);
    size += b.length;
  }
  return { bytes: Buffer.concat(parts), offsets };
}

function buildDynsym(syscalls: readonly string[], names: Map<string, number>): Buffer {
  const table = Buffer.alloc(SYM_SIZE * (syscalls.length + 1)); // entry 0 is the null symbol
  syscalls.forEach((name, i) => {
    const o = SYM_SIZE * (i + 1);
    table.writeUInt32LE(names.get(name) ?? 0, o);
    table[o + 4] = (STB_GLOBAL << 4) | STT_NOTYPE; // undefined, value 0: the loader treats it as a syscall
  });
  return table;
}

function buildRelDyn(relocations: readonly DynamicRelocation[]): Buffer {
  const table = Buffer.alloc(REL_SIZE * relocations.length);
  relocations.forEach((r, i) => {
    table.writeBigUInt64LE(BigInt(r.offset), i * REL_SIZE);
    table.writeBigUInt64LE((BigInt(r.symbol) << 32n) | BigInt(R_BPF_64_32), i * REL_SIZE + 8);
  });
  return table;
}

function writeElfHeader(out: Buffer, entry: number, shoff: number, shnum: number, shstrndx: number): void {
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2 /* ELFCLASS64 */, 1 /* LSB */, EV_CURRENT, 0 /* ELFOSABI_NONE */]).copy(
    out,
    0,
  );
  out.writeUInt16LE(ET_DYN, 16);
  out.writeUInt16LE(EM_BPF, 18);
  out.writeUInt32LE(EV_CURRENT, 20);
  out.writeBigUInt64LE(BigInt(entry), 24);
  out.writeBigUInt64LE(BigInt(EHDR_SIZE), 32); // e_phoff
  out.writeBigUInt64LE(BigInt(shoff), 40);
  out.writeUInt32LE(0, 48); // e_flags: 0 = SBPF v0
  out.writeUInt16LE(EHDR_SIZE, 52);
  out.writeUInt16LE(PHDR_SIZE, 54);
  out.writeUInt16LE(PROGRAM_HEADER_COUNT, 56);
  out.writeUInt16LE(SHDR_SIZE, 58);
  out.writeUInt16LE(shnum, 60);
  out.writeUInt16LE(shstrndx, 62);
}

function writeProgramHeader(
  out: Buffer,
  index: number,
  type: number,
  flags: number,
  offset: number,
  size: number,
): void {
  const o = EHDR_SIZE + index * PHDR_SIZE;
  out.writeUInt32LE(type, o);
  out.writeUInt32LE(flags, o + 4);
  out.writeBigUInt64LE(BigInt(offset), o + 8); // p_offset
  out.writeBigUInt64LE(BigInt(offset), o + 16); // p_vaddr
  out.writeBigUInt64LE(BigInt(offset), o + 24); // p_paddr
  out.writeBigUInt64LE(BigInt(size), o + 32); // p_filesz
  out.writeBigUInt64LE(BigInt(size), o + 40); // p_memsz
  out.writeBigUInt64LE(8n, o + 48); // p_align
}

function writeSectionHeaders(
  out: Buffer,
  shoff: number,
  sections: readonly OutputSection[],
  names: Map<string, number>,
): void {
  const indexOf = (name: string | undefined): number =>
    name === undefined ? 0 : sections.findIndex((s) => s.name === name);
  sections.forEach((s, i) => {
    const o = shoff + i * SHDR_SIZE;
    out.writeUInt32LE(names.get(s.name) ?? 0, o);
    out.writeUInt32LE(s.type, o + 4);
    out.writeBigUInt64LE(BigInt(s.flags), o + 8);
    out.writeBigUInt64LE(BigInt(s.flags & SHF_ALLOC ? s.offset : 0), o + 16); // sh_addr == sh_offset
    out.writeBigUInt64LE(BigInt(s.offset), o + 24);
    out.writeBigUInt64LE(BigInt(s.size), o + 32);
    out.writeUInt32LE(indexOf(s.link), o + 40);
    out.writeUInt32LE(s.info ?? 0, o + 44);
    out.writeBigUInt64LE(BigInt(s.align), o + 48);
    out.writeBigUInt64LE(BigInt(s.entsize ?? 0), o + 56);
  });
}

/** File offsets of everything appended after the image. */
interface TailLayout {
  readonly dynamic: number;
  readonly dynamicSize: number;
  readonly dynsym: number;
  readonly dynstr: number;
  readonly relDyn: number;
  /** End of the loadable data (the read-only PT_LOAD). */
  readonly loadEnd: number;
}

function layoutTail(
  imageEnd: number,
  dynamicCount: number,
  dynsym: Buffer,
  dynstr: Buffer,
  relDyn: Buffer,
): TailLayout {
  const dynamic = alignUp(imageEnd, 8);
  const dynamicSize = dynamicCount * DYN_SIZE;
  const dynsymOffset = alignUp(dynamic + dynamicSize, 8);
  const dynstrOffset = dynsymOffset + dynsym.length;
  const relOffset = alignUp(dynstrOffset + dynstr.length, 8);
  return {
    dynamic,
    dynamicSize,
    dynsym: dynsymOffset,
    dynstr: dynstrOffset,
    relDyn: relOffset,
    loadEnd: relOffset + relDyn.length,
  };
}

function dynamicTags(hasRelocations: boolean): number[] {
  const rel = hasRelocations ? [DT_REL, DT_RELSZ, DT_RELENT, DT_FLAGS] : [];
  return [DT_SYMTAB, DT_SYMENT, DT_STRTAB, DT_STRSZ, ...rel, DT_NULL];
}

function dynamicValue(tag: number, tail: TailLayout, dynstrSize: number, relDynSize: number): number {
  switch (tag) {
    case DT_SYMTAB:
      return tail.dynsym;
    case DT_SYMENT:
      return SYM_SIZE;
    case DT_STRTAB:
      return tail.dynstr;
    case DT_STRSZ:
      return dynstrSize;
    case DT_REL:
      return tail.relDyn;
    case DT_RELSZ:
      return relDynSize;
    case DT_RELENT:
      return REL_SIZE;
    case DT_FLAGS:
      return DF_TEXTREL; // the loader patches call instructions in .text
    default:
      return 0;
  }
}

function outputSections(
  layout: Layout,
  tail: TailLayout,
  dynsym: Buffer,
  dynstr: Buffer,
  relDyn: Buffer,
): OutputSection[] {
  const { text, rodata } = layout;
  const sections: OutputSection[] = [{ name: "", type: SHT_NULL, flags: 0, offset: 0, size: 0, align: 0 }];
  const add = (s: OutputSection) => sections.push(s);
  add({
    name: ".text",
    type: SHT_PROGBITS,
    flags: SHF_ALLOC | SHF_EXECINSTR,
    offset: text.address,
    size: text.size,
    align: text.align,
  });
  if (rodata.size > 0) {
    add({
      name: ".rodata",
      type: SHT_PROGBITS,
      flags: SHF_ALLOC,
      offset: rodata.address,
      size: rodata.size,
      align: rodata.align,
    });
  }
  add({
    name: ".dynamic",
    type: SHT_DYNAMIC,
    flags: SHF_ALLOC | SHF_WRITE,
    offset: tail.dynamic,
    size: tail.dynamicSize,
    link: ".dynstr",
    align: 8,
    entsize: DYN_SIZE,
  });
  add({
    name: ".dynsym",
    type: SHT_DYNSYM,
    flags: SHF_ALLOC,
    offset: tail.dynsym,
    size: dynsym.length,
    link: ".dynstr",
    info: 1,
    align: 8,
    entsize: SYM_SIZE,
  });
  add({ name: ".dynstr", type: SHT_STRTAB, flags: SHF_ALLOC, offset: tail.dynstr, size: dynstr.length, align: 1 });
  if (relDyn.length > 0) {
    add({
      name: ".rel.dyn",
      type: SHT_REL,
      flags: SHF_ALLOC,
      offset: tail.relDyn,
      size: relDyn.length,
      link: ".dynsym",
      align: 8,
      entsize: REL_SIZE,
    });
  }
  return sections;
}

/** Produces the final shared object bytes. Deterministic: depends only on `spec`. */
export function writeSharedObject(spec: SharedObjectSpec): Buffer {
  const { layout, syscalls, relocations } = spec;
  const { text, rodata, image } = layout;

  const dynstr = stringTable(syscalls);
  const dynsym = buildDynsym(syscalls, dynstr.offsets);
  const relDyn = buildRelDyn(relocations);
  const tags = dynamicTags(relocations.length > 0);
  const tail = layoutTail(image.length, tags.length, dynsym, dynstr.bytes, relDyn);

  const sections = outputSections(layout, tail, dynsym, dynstr.bytes, relDyn);
  const shstrtab = stringTable([...sections.slice(1).map((s) => s.name), ".shstrtab"]);
  sections.push({
    name: ".shstrtab",
    type: SHT_STRTAB,
    flags: 0,
    offset: tail.loadEnd,
    size: shstrtab.bytes.length,
    align: 1,
  });
  const shoff = alignUp(tail.loadEnd + shstrtab.bytes.length, 8);

  const out = Buffer.alloc(shoff + sections.length * SHDR_SIZE);
  image.copy(out, 0); // the image's header area is zero; headers are written below
  tags.forEach((tag, i) => {
    out.writeBigUInt64LE(BigInt(tag), tail.dynamic + i * DYN_SIZE);
    out.writeBigUInt64LE(
      BigInt(dynamicValue(tag, tail, dynstr.bytes.length, relDyn.length)),
      tail.dynamic + i * DYN_SIZE + 8,
    );
  });
  dynsym.copy(out, tail.dynsym);
  dynstr.bytes.copy(out, tail.dynstr);
  relDyn.copy(out, tail.relDyn);
  shstrtab.bytes.copy(out, tail.loadEnd);

  writeElfHeader(out, spec.entry, shoff, sections.length, sections.length - 1);
  const dataStart = rodata.size > 0 ? rodata.address : tail.dynamic;
  writeProgramHeader(out, 0, PT_LOAD, PF_R | PF_X, text.address, text.size);
  writeProgramHeader(out, 1, PT_LOAD, PF_R, dataStart, tail.loadEnd - dataStart);
  writeProgramHeader(out, 2, PT_DYNAMIC, PF_R | PF_W, tail.dynamic, tail.dynamicSize);
  writeSectionHeaders(out, shoff, sections, shstrtab.offsets);
  return out;
}
