/**
 * Test helpers: fixture access, an independent minimal reader for the
 * relinker's ET_DYN output, and an assertion for RelinkError codes.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { RelinkError, type RelinkErrorCode } from "../../src/relink";

export const FIXTURES = join(__dirname, "fixtures");
export const MM_PROGRAM_START = 0x1_0000_0000n;

/** Bytes of tools/sbf/test/relink/fixtures/<name>. */
export function fixture(name: string): Buffer {
  return readFileSync(join(FIXTURES, name));
}

/** Asserts that `fn` throws a RelinkError with `code` whose message contains every fragment. */
export function assertRelinkError(fn: () => unknown, code: RelinkErrorCode, ...fragments: string[]): RelinkError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof RelinkError, `expected RelinkError ${code}, got ${String(caught)}`);
  assert.equal(caught.code, code, `wrong code; message: ${caught.message}`);
  for (const fragment of fragments) {
    assert.ok(
      caught.message.includes(fragment),
      `message ${JSON.stringify(caught.message)} lacks ${JSON.stringify(fragment)}`,
    );
  }
  return caught;
}

export interface SoSection {
  readonly index: number;
  readonly name: string;
  readonly type: number;
  readonly flags: bigint;
  readonly addr: number;
  readonly offset: number;
  readonly size: number;
  readonly link: number;
  readonly info: number;
  readonly align: number;
  readonly entsize: number;
}

export interface SoProgramHeader {
  readonly type: number;
  readonly flags: number;
  readonly offset: number;
  readonly vaddr: number;
  readonly filesz: number;
  readonly memsz: number;
}

export interface SoDynsym {
  readonly name: string;
  readonly info: number;
  readonly shndx: number;
  readonly value: bigint;
}

export interface SoRel {
  readonly offset: number;
  readonly type: number;
  readonly symbol: number;
}

/** A parsed shared object, read with plain offsets (deliberately not reusing the relinker's reader). */
export class SharedObject {
  readonly type: number;
  readonly machine: number;
  readonly flags: number;
  readonly osabi: number;
  readonly entry: number;
  readonly programHeaders: SoProgramHeader[] = [];
  readonly sections: SoSection[] = [];

  constructor(readonly bytes: Buffer) {
    const b = bytes;
    assert.equal(b.readUInt32BE(0), 0x7f454c46, "ELF magic");
    this.osabi = b[7] ?? -1;
    this.type = b.readUInt16LE(16);
    this.machine = b.readUInt16LE(18);
    this.entry = Number(b.readBigUInt64LE(24));
    this.flags = b.readUInt32LE(48);
    const phoff = Number(b.readBigUInt64LE(32));
    const shoff = Number(b.readBigUInt64LE(40));
    for (let i = 0; i < b.readUInt16LE(56); i++) {
      const o = phoff + i * 56;
      this.programHeaders.push({
        type: b.readUInt32LE(o),
        flags: b.readUInt32LE(o + 4),
        offset: Number(b.readBigUInt64LE(o + 8)),
        vaddr: Number(b.readBigUInt64LE(o + 16)),
        filesz: Number(b.readBigUInt64LE(o + 32)),
        memsz: Number(b.readBigUInt64LE(o + 40)),
      });
    }
    const shnum = b.readUInt16LE(60);
    const raw = Array.from({ length: shnum }, (_, index) => {
      const o = shoff + index * 64;
      return {
        index,
        nameOffset: b.readUInt32LE(o),
        type: b.readUInt32LE(o + 4),
        flags: b.readBigUInt64LE(o + 8),
        addr: Number(b.readBigUInt64LE(o + 16)),
        offset: Number(b.readBigUInt64LE(o + 24)),
        size: Number(b.readBigUInt64LE(o + 32)),
        link: b.readUInt32LE(o + 40),
        info: b.readUInt32LE(o + 44),
        align: Number(b.readBigUInt64LE(o + 48)),
        entsize: Number(b.readBigUInt64LE(o + 56)),
      };
    });
    const shstr = raw[b.readUInt16LE(62)];
    assert.ok(shstr, "e_shstrndx");
    for (const { nameOffset, ...s } of raw) this.sections.push({ ...s, name: this.cstring(shstr.offset + nameOffset) });
  }

  cstring(offset: number): string {
    return this.bytes.toString("latin1", offset, this.bytes.indexOf(0, offset));
  }

  section(name: string): SoSection {
    const found = this.sections.filter((s) => s.name === name);
    assert.equal(found.length, 1, `exactly one ${name} section`);
    return found[0] as SoSection;
  }

  hasSection(name: string): boolean {
    return this.sections.some((s) => s.name === name);
  }

  contents(name: string): Buffer {
    const s = this.section(name);
    return this.bytes.subarray(s.offset, s.offset + s.size);
  }

  dynsyms(): SoDynsym[] {
    const symtab = this.section(".dynsym");
    const strtab = this.sections[symtab.link];
    assert.ok(strtab, ".dynsym sh_link");
    const out: SoDynsym[] = [];
    for (let o = symtab.offset; o < symtab.offset + symtab.size; o += 24) {
      out.push({
        name: this.cstring(strtab.offset + this.bytes.readUInt32LE(o)),
        info: this.bytes[o + 4] ?? -1,
        shndx: this.bytes.readUInt16LE(o + 6),
        value: this.bytes.readBigUInt64LE(o + 8),
      });
    }
    return out;
  }

  relDyn(): SoRel[] {
    if (!this.hasSection(".rel.dyn")) return [];
    const rel = this.section(".rel.dyn");
    const out: SoRel[] = [];
    for (let o = rel.offset; o < rel.offset + rel.size; o += 16) {
      const info = this.bytes.readBigUInt64LE(o + 8);
      out.push({
        offset: Number(this.bytes.readBigUInt64LE(o)),
        type: Number(info & 0xffffffffn),
        symbol: Number(info >> 32n),
      });
    }
    return out;
  }

  /** DT_* tag → value, from the .dynamic section up to DT_NULL. */
  dynamic(): Map<number, bigint> {
    const dyn = this.section(".dynamic");
    const out = new Map<number, bigint>();
    for (let o = dyn.offset; o < dyn.offset + dyn.size; o += 16) {
      const tag = Number(this.bytes.readBigUInt64LE(o));
      if (tag === 0) break;
      out.set(tag, this.bytes.readBigUInt64LE(o + 8));
    }
    return out;
  }
}

export interface Insn {
  readonly index: number;
  readonly opcode: number;
  readonly dst: number;
  readonly src: number;
  readonly offset: number;
  readonly imm: number;
  /** Full 64-bit immediate for lddw. */
  readonly imm64?: bigint;
}

/** Decodes an instruction stream (lddw yields one entry with imm64). */
export function disassemble(text: Buffer): Insn[] {
  const out: Insn[] = [];
  for (let index = 0; index < text.length / 8; index++) {
    const o = index * 8;
    const opcode = text[o] ?? 0;
    const insn = {
      index,
      opcode,
      dst: (text[o + 1] ?? 0) & 0xf,
      src: (text[o + 1] ?? 0) >> 4,
      offset: text.readInt16LE(o + 2),
      imm: text.readInt32LE(o + 4),
    };
    if (opcode === 0x18) {
      out.push({ ...insn, imm64: BigInt(text.readUInt32LE(o + 4)) | (BigInt(text.readUInt32LE(o + 12)) << 32n) });
      index++;
    } else {
      out.push(insn);
    }
  }
  return out;
}

/** Assembles instructions from [opcode, dst, src, offset, imm] tuples. */
export function assemble(...insns: ReadonlyArray<readonly [number, number, number, number, number]>): Buffer {
  const out = Buffer.alloc(insns.length * 8);
  insns.forEach(([opcode, dst, src, offset, imm], i) => {
    out[i * 8] = opcode;
    out[i * 8 + 1] = (src << 4) | dst;
    out.writeInt16LE(offset, i * 8 + 2);
    out.writeInt32LE(imm, i * 8 + 4);
  });
  return out;
}
