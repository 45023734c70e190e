/**
 * Decides what happens to every allocated input section: the single
 * executable section becomes `.text`, read-only data is merged into
 * `.rodata`, unwind tables are dropped, and anything SBPF v0 cannot map
 * read-only (mutable data, zero-initialised data, TLS, ...) is rejected.
 */
import {
  type ElfObject,
  type ElfSection,
  type ElfSymbol,
  SHF_ALLOC,
  SHF_EXECINSTR,
  SHF_WRITE,
  SHT_NOBITS,
  SHT_PROGBITS,
  STT_SECTION,
} from "./elf.js";
import { RelinkError } from "./errors.js";

const SHF_TLS = 0x400;

export interface SectionPlan {
  /** The one executable section; emitted as `.text`. */
  readonly text: ElfSection;
  /** Read-only data sections, in input order; merged into `.rodata`. */
  readonly rodata: readonly ElfSection[];
  /** Allocated sections deliberately left out of the output (unwind tables). */
  readonly dropped: readonly ElfSection[];
}

const isAlloc = (s: ElfSection): boolean => (s.flags & SHF_ALLOC) !== 0;
const isExec = (s: ElfSection): boolean => (s.flags & SHF_EXECINSTR) !== 0;
/** `.data.rel.ro*` is marked writable only so a dynamic linker can relocate it; we resolve it statically. */
const isRelRo = (s: ElfSection): boolean => s.name === ".data.rel.ro" || s.name.startsWith(".data.rel.ro.");
/** SBPF has no unwinder; .eh_frame is dead weight (and the loader only maps a few names anyway). */
const isUnwindTable = (s: ElfSection): boolean => s.name === ".eh_frame" || s.name.startsWith(".eh_frame.");

function symbolsIn(symbols: readonly ElfSymbol[], section: ElfSection): string {
  const names = symbols
    .filter((s) => s.shndx === section.index && s.name !== "" && s.type !== STT_SECTION)
    .map((s) => s.name);
  if (names.length === 0) return "";
  const shown = names.slice(0, 5).join(", ");
  return `, defines ${shown}${names.length > 5 ? `, … ${names.length - 5} more` : ""}`;
}

function rejectUnmappable(section: ElfSection, symbols: readonly ElfSymbol[]): void {
  const what = `section ${section.name} (${section.size} bytes${symbolsIn(symbols, section)})`;
  if (section.flags & SHF_TLS) {
    throw new RelinkError("UNSUPPORTED_SECTION", `${what} is thread-local storage, which Solana programs do not have`);
  }
  if (section.type === SHT_NOBITS) {
    throw new RelinkError(
      "WRITABLE_DATA",
      `${what} is zero-initialised writable data (.bss): Solana programs cannot have mutable globals or statics. ` +
        "Make the variable const with an initialiser, or keep the state in an account",
    );
  }
  if (section.flags & SHF_WRITE && !isRelRo(section)) {
    throw new RelinkError(
      "WRITABLE_DATA",
      `${what} is writable data: Solana programs cannot have mutable globals or statics. ` +
        "Make the variable const, or keep the state in an account",
    );
  }
  if (section.type !== SHT_PROGBITS) {
    throw new RelinkError(
      "UNSUPPORTED_SECTION",
      `${what} has type ${section.type}; only SHT_PROGBITS code and data can be loaded`,
    );
  }
}

/** Classifies the allocated sections of `elf`, throwing on anything SBPF v0 cannot load. */
export function planSections(elf: ElfObject, symbols: readonly ElfSymbol[]): SectionPlan {
  const code: ElfSection[] = [];
  const rodata: ElfSection[] = [];
  const dropped: ElfSection[] = [];
  for (const section of elf.sections) {
    if (!isAlloc(section)) continue; // symbol tables, debug info, BTF, ...
    rejectUnmappable(section, symbols);
    if (isExec(section)) {
      if (section.size > 0) code.push(section); // -ffunction-sections leaves an empty .text behind
    } else if (isUnwindTable(section)) {
      dropped.push(section);
    } else {
      rodata.push(section);
    }
  }
  if (code.length === 0) throw new RelinkError("NO_TEXT", "object contains no code (no non-empty executable section)");
  if (code.length > 1) {
    throw new RelinkError(
      "MULTIPLE_TEXT",
      `object has ${code.length} executable sections (${code.map((s) => s.name).join(", ")}); ` +
        "SBPF v0 loads exactly one .text section. Build without -ffunction-sections and do not place functions in custom sections",
    );
  }
  const [text] = code as [ElfSection];
  if (text.size % 8 !== 0) {
    throw new RelinkError(
      "MALFORMED_ELF",
      `executable section ${text.name} is ${text.size} bytes, not a whole number of 8-byte instructions`,
    );
  }
  return { text, rodata, dropped };
}
