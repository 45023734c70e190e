/**
 * Names instructions for error messages: "#17 (entrypoint+0x10)".
 */
import { type ElfSymbol, STT_FUNC } from "./elf.js";
import { INSN_SIZE } from "./opcodes.js";

export type InstructionNamer = (index: number) => string;

/** Builds a namer from the function symbols defined in the text section. */
export function instructionNamer(symbols: readonly ElfSymbol[], textIndex: number): InstructionNamer {
  const functions = symbols
    .filter((s) => s.shndx === textIndex && s.type === STT_FUNC && s.name !== "")
    .map((s) => ({ name: s.name, start: Number(s.value) }))
    .sort((a, b) => a.start - b.start || a.name.localeCompare(b.name));
  return (index) => {
    const offset = index * INSN_SIZE;
    let owner: (typeof functions)[number] | undefined;
    for (const f of functions) {
      if (f.start > offset) break;
      owner = f;
    }
    if (!owner) return `#${index}`;
    const delta = offset - owner.start;
    return `#${index} (${owner.name}${delta ? `+0x${delta.toString(16)}` : ""})`;
  };
}
