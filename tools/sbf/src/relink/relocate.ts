/**
 * Applies the object's REL relocations to the laid-out image.
 *
 * Everything that can be resolved statically is: data addresses become
 * absolute VM addresses (MM_PROGRAM_START + output offset) and internal
 * calls become pc-relative, which is what the SBPF v0 loader expects.
 * Only syscall calls remain, as R_BPF_64_32 dynamic relocations against
 * undefined dynamic symbols (the loader patches in murmur3(name)).
 */
import {
  type ElfObject,
  type ElfRelocation,
  type ElfSection,
  type ElfSymbol,
  readRelocations,
  SHF_ALLOC,
  SHT_REL,
  SHT_RELA,
} from "./elf.js";
import { hex, RelinkError } from "./errors.js";
import { inRegion, type Layout, MM_PROGRAM_START, resolveSymbol, symbolName } from "./layout.js";
import { INSN_SIZE, OP_CALL, OP_LDDW } from "./opcodes.js";
import type { InstructionNamer } from "./symbolize.js";
import { resolveSyscall, syscallHint } from "./syscalls.js";

export const R_BPF_NONE = 0;
export const R_BPF_64_64 = 1;
export const R_BPF_64_ABS64 = 2;
export const R_BPF_64_ABS32 = 3;
export const R_BPF_64_NODYLD32 = 4;
export const R_BPF_64_32 = 10;

const RELOCATION_NAMES: ReadonlyMap<number, string> = new Map([
  [R_BPF_NONE, "R_BPF_NONE"],
  [R_BPF_64_64, "R_BPF_64_64"],
  [R_BPF_64_ABS64, "R_BPF_64_ABS64"],
  [R_BPF_64_ABS32, "R_BPF_64_ABS32"],
  [R_BPF_64_NODYLD32, "R_BPF_64_NODYLD32"],
  [R_BPF_64_32, "R_BPF_64_32"],
]);
const relocationName = (type: number): string => RELOCATION_NAMES.get(type) ?? `relocation type ${type}`;

const MASK64 = (1n << 64n) - 1n;

export interface DynamicRelocation {
  /** Output offset of the call instruction. */
  readonly offset: number;
  /** Index into .dynsym (1-based; 0 is the null symbol). */
  readonly symbol: number;
}

export interface RelocationResult {
  /** Syscalls in first-use (address) order; dynsym index = position + 1. */
  readonly syscalls: readonly string[];
  /** R_BPF_64_32 relocations for the loader, sorted by offset. */
  readonly dynamic: readonly DynamicRelocation[];
  /** Text instruction indices of syscall call sites (their imm stays -1). */
  readonly syscallSites: ReadonlySet<number>;
  /** Text instruction indices of calls resolved here to pc-relative internal calls. */
  readonly internalCalls: ReadonlySet<number>;
}

interface Site {
  /** Output address of the patched location. */
  readonly address: number;
  readonly relocation: ElfRelocation;
  readonly target: ElfSection;
  readonly symbol: ElfSymbol;
}

class Relocator {
  private readonly syscalls: string[] = [];
  private readonly dynamic: DynamicRelocation[] = [];
  private readonly syscallSites = new Set<number>();
  private readonly internalCalls = new Set<number>();

  constructor(
    private readonly layout: Layout,
    private readonly nameInstruction: InstructionNamer,
  ) {}

  get result(): RelocationResult {
    return {
      syscalls: this.syscalls,
      dynamic: this.dynamic,
      syscallSites: this.syscallSites,
      internalCalls: this.internalCalls,
    };
  }

  apply(site: Site): void {
    switch (site.relocation.type) {
      case R_BPF_NONE:
        return;
      case R_BPF_64_64:
        this.loadAddress(site);
        return;
      case R_BPF_64_ABS64:
        this.dataAddress(site);
        return;
      case R_BPF_64_32:
        this.call(site);
        return;
      case R_BPF_64_ABS32:
        throw new RelinkError(
          "UNSUPPORTED_RELOCATION",
          `R_BPF_64_ABS32 at ${this.where(site)} stores the address of ${this.symbolName(site)} in 32 bits; ` +
            `SBPF addresses start at ${hex(MM_PROGRAM_START)} and need 64 bits (use a pointer-sized field)`,
        );
      default:
        throw new RelinkError(
          "UNSUPPORTED_RELOCATION",
          `unsupported ${relocationName(site.relocation.type)} against ${this.symbolName(site)} at ${this.where(site)}`,
        );
    }
  }

  /** R_BPF_64_64: lddw imm64 = S + A, A being the instruction's current 64-bit immediate. */
  private loadAddress(site: Site): void {
    const { image } = this.layout;
    const p = site.address;
    this.requireInstruction(site, OP_LDDW, "an lddw instruction", 2);
    const addend = BigInt(image.readUInt32LE(p + 4)) | (BigInt(image.readUInt32LE(p + INSN_SIZE + 4)) << 32n);
    const value = (this.absoluteAddress(site) + addend) & MASK64;
    image.writeUInt32LE(Number(value & 0xffff_ffffn), p + 4);
    image.writeUInt32LE(Number(value >> 32n), p + INSN_SIZE + 4);
  }

  /** R_BPF_64_ABS64: 64-bit data word = S + A, A being the word's current value. */
  private dataAddress(site: Site): void {
    const { image } = this.layout;
    const inData = inRegion(this.layout.rodata, site.address, 8) && site.relocation.offset + 8 <= site.target.size;
    if (!inData) {
      throw new RelinkError(
        "MISPLACED_RELOCATION",
        `R_BPF_64_ABS64 at ${this.where(site)} does not patch an 8-byte word of read-only data`,
      );
    }
    const value = (this.absoluteAddress(site) + image.readBigUInt64LE(site.address)) & MASK64;
    image.writeBigUInt64LE(value, site.address);
  }

  /** R_BPF_64_32 on a call: pc-relative internal call, or a syscall left to the loader. */
  private call(site: Site): void {
    const { image, text } = this.layout;
    const p = site.address;
    this.requireInstruction(site, OP_CALL, "a call instruction", 1);
    const index = (p - text.address) / INSN_SIZE;
    const resolved = resolveSymbol(this.layout, site.symbol);
    if (resolved.kind === "undefined") {
      const name = site.symbol.name;
      const syscall = resolveSyscall(name);
      if (!syscall) {
        const hint = syscallHint(name);
        throw new RelinkError(
          "UNKNOWN_SYSCALL",
          `call to undefined function ${name} at instruction ${this.nameInstruction(index)}: it is not a Solana syscall` +
            (hint ? `; ${hint}` : "; define it in the program"),
        );
      }
      let slot = this.syscalls.indexOf(syscall);
      if (slot < 0) slot = this.syscalls.push(syscall) - 1;
      image.writeInt32LE(-1, p + 4); // the loader only patches calls whose imm is -1
      this.dynamic.push({ offset: p, symbol: slot + 1 });
      this.syscallSites.add(index);
      return;
    }
    const where = `call to ${this.symbolName(site)} at instruction ${this.nameInstruction(index)}`;
    if (resolved.kind === "absolute") {
      throw new RelinkError(
        "CALL_OUTSIDE_TEXT",
        `${where} targets absolute symbol value ${hex(resolved.value)}, not code`,
      );
    }
    // In relocatable BPF objects the call addend is implicit: target = S + (imm + 1) * 8.
    const target = resolved.address + (image.readInt32LE(p + 4) + 1) * INSN_SIZE;
    if (!inRegion(text, target, INSN_SIZE) || (target - text.address) % INSN_SIZE !== 0) {
      const home = this.layout.sectionName(resolved.sectionIndex);
      throw new RelinkError(
        "CALL_OUTSIDE_TEXT",
        `${where} targets ${home}+${hex(target - (this.layout.placed.get(resolved.sectionIndex)?.address ?? 0))}, which is not an instruction in the text section`,
      );
    }
    const relative = (target - (p + INSN_SIZE)) / INSN_SIZE;
    if (relative === -1) {
      throw new RelinkError(
        "UNRESOLVED_CALL",
        `${where} calls itself; SBPF v0 reserves call imm -1 for unresolved symbols`,
      );
    }
    image.writeInt32LE(relative, p + 4);
    this.internalCalls.add(index);
  }

  /** S for data relocations: the symbol's VM address (or absolute value). */
  private absoluteAddress(site: Site): bigint {
    const resolved = resolveSymbol(this.layout, site.symbol);
    if (resolved.kind === "absolute") return resolved.value;
    if (resolved.kind === "placed") return MM_PROGRAM_START + BigInt(resolved.address);
    const name = site.symbol.name;
    const why = resolveSyscall(name)
      ? `syscall ${name}, whose address cannot be taken on SBPF v0 (call it directly)`
      : `undefined symbol ${name}; the program is linked from this one object, so it must be defined here`;
    throw new RelinkError(
      "UNDEFINED_SYMBOL",
      `${relocationName(site.relocation.type)} at ${this.where(site)} refers to ${why}`,
    );
  }

  private requireInstruction(site: Site, opcode: number, what: string, slots: number): void {
    const { image, text } = this.layout;
    const p = site.address;
    const ok = inRegion(text, p, slots * INSN_SIZE) && (p - text.address) % INSN_SIZE === 0 && image[p] === opcode;
    if (!ok) {
      throw new RelinkError(
        "MISPLACED_RELOCATION",
        `${relocationName(site.relocation.type)} against ${this.symbolName(site)} at ${this.where(site)} is not on ${what}`,
      );
    }
  }

  private symbolName(site: Site): string {
    return symbolName(this.layout, site.symbol);
  }

  private where(site: Site): string {
    const { text } = this.layout;
    if (inRegion(text, site.address) && (site.address - text.address) % INSN_SIZE === 0) {
      return `instruction ${this.nameInstruction((site.address - text.address) / INSN_SIZE)}`;
    }
    return `${site.target.name}+${hex(site.relocation.offset)}`;
  }
}

/** Collects the relocations that patch placed sections, ordered by output address. */
function collectSites(elf: ElfObject, symtab: ElfSection, symbols: readonly ElfSymbol[], layout: Layout): Site[] {
  const sites: Site[] = [];
  for (const section of elf.sections) {
    if (section.type !== SHT_REL && section.type !== SHT_RELA) continue;
    const target = elf.sections[section.info];
    if (!target)
      throw new RelinkError("MALFORMED_ELF", `relocation section ${section.name} has invalid sh_info ${section.info}`);
    if ((target.flags & SHF_ALLOC) === 0) continue; // debug info, BTF: not emitted
    const placed = layout.placed.get(target.index);
    if (!placed) continue; // deliberately dropped section (unwind tables)
    if (section.type === SHT_RELA) {
      throw new RelinkError(
        "RELA",
        `section ${section.name} holds RELA relocations for ${target.name}; BPF objects use REL relocations with implicit addends ` +
          "(produce the object with llc/clang -target bpfel)",
      );
    }
    if (section.link !== symtab.index) {
      throw new RelinkError(
        "MALFORMED_ELF",
        `relocation section ${section.name} does not use the object's symbol table`,
      );
    }
    for (const relocation of readRelocations(elf, section)) {
      if (relocation.offset >= target.size) {
        throw new RelinkError(
          "MALFORMED_ELF",
          `relocation in ${section.name} at ${hex(relocation.offset)} is outside ${target.name}`,
        );
      }
      const symbol = symbols[relocation.symbol];
      if (!symbol) {
        throw new RelinkError(
          "MALFORMED_ELF",
          `relocation in ${section.name} at ${hex(relocation.offset)} names missing symbol #${relocation.symbol}`,
        );
      }
      sites.push({ address: placed.address + relocation.offset, relocation, target, symbol });
    }
  }
  sites.sort((a, b) => a.address - b.address);
  for (let i = 1; i < sites.length; i++) {
    const [prev, cur] = [sites[i - 1], sites[i]] as [Site, Site];
    if (prev.address === cur.address && cur.relocation.type !== R_BPF_NONE && prev.relocation.type !== R_BPF_NONE) {
      throw new RelinkError(
        "MISPLACED_RELOCATION",
        `two relocations patch the same location ${cur.target.name}+${hex(cur.relocation.offset)}`,
      );
    }
  }
  return sites;
}

/** Applies all relocations to `layout.image` in place. */
export function applyRelocations(
  elf: ElfObject,
  symtab: ElfSection,
  symbols: readonly ElfSymbol[],
  layout: Layout,
  nameInstruction: InstructionNamer,
): RelocationResult {
  const relocator = new Relocator(layout, nameInstruction);
  for (const site of collectSites(elf, symtab, symbols, layout)) relocator.apply(site);
  return relocator.result;
}
