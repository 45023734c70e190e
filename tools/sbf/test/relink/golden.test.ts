import assert from "node:assert/strict";
import { relink } from "../../src/relink";
import {
  type ElfSymbol,
  readElf,
  readRelocations,
  readSymbols,
  SHT_SYMTAB,
  sectionData,
} from "../../src/relink/elf.js";
import { disassemble, FIXTURES, fixture, MM_PROGRAM_START, SharedObject } from "./helpers.js";

const PT_LOAD = 1;
const PT_DYNAMIC = 2;
const DT = { STRTAB: 5, SYMTAB: 6, STRSZ: 10, SYMENT: 11, REL: 17, RELSZ: 18, RELENT: 19, FLAGS: 30 } as const;

/** Facts about the input object, read with the relinker's ELF reader. */
function inputFacts(object: Buffer) {
  const elf = readElf(object);
  const symtab = elf.sections.find((s) => s.type === SHT_SYMTAB);
  assert.ok(symtab);
  const symbols = readSymbols(elf, symtab);
  const byName = (name: string): ElfSymbol => {
    const found = symbols.find((s) => s.name === name);
    assert.ok(found, `input symbol ${name}`);
    return found;
  };
  const section = (name: string) => {
    const found = elf.sections.find((s) => s.name === name);
    assert.ok(found, `input section ${name}`);
    return found;
  };
  const relText = readRelocations(elf, section(".rel.text")).map((r) => ({
    ...r,
    symbol: symbols[r.symbol] as ElfSymbol,
  }));
  return { elf, symbols, byName, section, relText, text: sectionData(elf, section(".text")) };
}

describe("relink: golden program (every relocation kind)", () => {
  const object = fixture("golden.o");
  const input = inputFacts(object);
  const { so, report } = relink(object);
  const out = new SharedObject(so);
  const text = out.section(".text");
  const insns = disassemble(out.contents(".text"));
  const insnAt = (index: number) => {
    const found = insns.find((i) => i.index === index);
    assert.ok(found, `instruction #${index}`);
    return found;
  };
  const fn = (name: string) => Number(input.byName(name).value);
  /** File bytes at a VM address produced by the relinker. */
  const atVmAddress = (vm: bigint, length: number) => {
    assert.ok(vm >= MM_PROGRAM_START, `VM address 0x${vm.toString(16)} is below MM_PROGRAM_START`);
    const offset = Number(vm - MM_PROGRAM_START);
    return so.subarray(offset, offset + length);
  };

  it("matches the committed golden.so byte for byte", () => {
    const golden = fixture("golden.so");
    assert.ok(
      so.equals(golden),
      `output differs from ${FIXTURES}/golden.so; if the change is intended, re-run fixtures/regen.sh and re-check the runtime tests`,
    );
  });

  it("is an SBPF v0 shared object (ET_DYN, EM_BPF, e_flags 0, OSABI none)", () => {
    assert.equal(out.type, 3);
    assert.equal(out.machine, 247);
    assert.equal(out.flags, 0);
    assert.equal(out.osabi, 0);
  });

  it("emits exactly the sections the loader expects, at sh_addr == sh_offset, in file order", () => {
    assert.deepEqual(
      out.sections.map((s) => s.name),
      ["", ".text", ".rodata", ".dynamic", ".dynsym", ".dynstr", ".rel.dyn", ".shstrtab"],
    );
    let end = 0;
    for (const s of out.sections.slice(1)) {
      if (s.flags & 2n) assert.equal(s.addr, s.offset, `${s.name} sh_addr == sh_offset`);
      assert.ok(s.offset >= end, `${s.name} does not overlap its predecessor`);
      assert.ok(s.offset + s.size <= so.length, `${s.name} lies inside the file`);
      assert.ok(s.name.length < 16, `${s.name} fits the loader's 16-byte section name limit`);
      end = s.offset + s.size;
    }
    assert.equal(text.flags, 6n, ".text is AX");
    assert.equal(text.offset % 8, 0);
  });

  it("maps .text R+X and the data R with PT_LOAD, and .dynamic with PT_DYNAMIC", () => {
    const [codeSeg, dataSeg, dynSeg] = out.programHeaders;
    assert.ok(codeSeg && dataSeg && dynSeg);
    assert.deepEqual(
      [codeSeg.type, codeSeg.flags, codeSeg.offset, codeSeg.filesz],
      [PT_LOAD, 5, text.offset, text.size],
    );
    const relDyn = out.section(".rel.dyn");
    assert.deepEqual(
      [dataSeg.type, dataSeg.flags, dataSeg.offset, dataSeg.offset + dataSeg.filesz],
      [PT_LOAD, 4, out.section(".rodata").offset, relDyn.offset + relDyn.size],
    );
    assert.deepEqual(
      [dynSeg.type, dynSeg.offset, dynSeg.filesz],
      [PT_DYNAMIC, out.section(".dynamic").offset, out.section(".dynamic").size],
    );
    for (const ph of out.programHeaders) assert.equal(ph.vaddr, ph.offset);
  });

  it("points e_entry at the entrypoint function", () => {
    assert.equal(out.entry, text.addr + fn("entrypoint"));
    assert.equal(report.entrypointOffset, fn("entrypoint"));
  });

  it("resolves every lddw (R_BPF_64_64) to 0x100000000 + the output offset of its target", () => {
    const loads = input.relText.filter((r) => r.type === 1);
    assert.equal(loads.length, 5);
    for (const r of loads) {
      const insn = insnAt(r.offset / 8);
      assert.equal(insn.opcode, 0x18);
      assert.ok(insn.imm64 !== undefined);
      // The bytes the lddw now points at are the bytes the input symbol + addend named
      // (.data.rel.ro holds pointers that were themselves relocated: checked separately below).
      const home = input.elf.sections[r.symbol.shndx];
      assert.ok(home);
      if (home.name === ".data.rel.ro") continue;
      const start = Number(r.symbol.value) + input.text.readUInt32LE(r.offset + 4);
      const expected = sectionData(input.elf, home).subarray(start, start + 8);
      assert.deepEqual(
        atVmAddress(insn.imm64, expected.length),
        expected,
        `lddw #${insn.index} -> ${home.name}+${start}`,
      );
    }
    const hello = so.indexOf("golden: hello");
    assert.ok(
      insns.some((i) => i.imm64 === MM_PROGRAM_START + BigInt(hello)),
      "an lddw loads 0x100000000 + offset of 'golden: hello'",
    );
  });

  it("resolves pointers stored in .data.rel.ro (R_BPF_64_ABS64), including addends and function pointers", () => {
    const tableLoad = input.relText.find(
      (r) =>
        r.type === 1 &&
        r.symbol.name === "" &&
        input.text.readUInt32LE(r.offset + 4) === 0 &&
        input.elf.sections[r.symbol.shndx]?.name === ".data.rel.ro",
    );
    assert.ok(tableLoad);
    const tableVm = insnAt(tableLoad.offset / 8).imm64;
    assert.ok(tableVm !== undefined);
    const table = atVmAddress(tableVm, 32);
    const [nameA, nameB, handlerA, handlerB] = [0, 8, 16, 24].map((o) => table.readBigUInt64LE(o)) as [
      bigint,
      bigint,
      bigint,
      bigint,
    ];
    assert.equal(atVmAddress(nameA, 14).toString(), "golden: name A");
    assert.equal(atVmAddress(nameB, 14).toString(), "golden: name B");
    assert.equal(nameB - nameA, 14n);
    assert.equal(handlerA, MM_PROGRAM_START + BigInt(text.addr + fn("handler_a")));
    assert.equal(handlerB, MM_PROGRAM_START + BigInt(text.addr + fn("handler_b")));
  });

  it("re-encodes callx with the register in imm", () => {
    const callx = insns.filter((i) => i.opcode === 0x8d);
    assert.equal(callx.length, 1);
    const [insn] = callx as [(typeof insns)[number]];
    assert.equal(input.text.readInt32LE(insn.index * 8 + 4), 0, "LLVM leaves imm 0 and puts the register in dst");
    assert.equal(insn.dst, 1);
    assert.equal(insn.imm, 1);
    assert.equal(report.callxFixed, 1);
  });

  it("turns the relocated call to mix (R_BPF_64_32, defined) into a pc-relative call", () => {
    const site = input.relText.find((r) => r.type === 10 && r.symbol.name === "mix");
    assert.ok(site);
    const insn = insnAt(site.offset / 8);
    assert.equal(insn.opcode, 0x85);
    assert.equal(insn.index + 1 + insn.imm, fn("mix") / 8);
    assert.ok(
      !out.relDyn().some((r) => r.offset === text.addr + site.offset),
      "no dynamic relocation for an internal call",
    );
  });

  it("keeps LLVM's pc-relative call to the static function triple unchanged", () => {
    const calls = insns.filter((i) => i.opcode === 0x85 && i.index + 1 + i.imm === fn("triple") / 8);
    assert.equal(calls.length, 1);
    const [call] = calls as [(typeof insns)[number]];
    assert.equal(input.text.readInt32LE(call.index * 8 + 4), call.imm);
  });

  it("emits a .dynsym entry per syscall (first use order) and a .rel.dyn entry per call site; llvm.trap -> abort", () => {
    const dynsyms = out.dynsyms();
    assert.deepEqual(
      dynsyms.map((s) => s.name),
      ["", "sol_log_", "abort", "sol_log_64_"],
    );
    for (const s of dynsyms.slice(1))
      assert.deepEqual([s.info, s.shndx, s.value], [0x10, 0, 0n], `${s.name} is GLOBAL NOTYPE UND`);
    assert.deepEqual(report.syscalls, ["sol_log_", "abort", "sol_log_64_"]);

    const syscallSites = input.relText.filter((r) => r.type === 10 && r.symbol.shndx === 0);
    const rels = out.relDyn();
    assert.equal(rels.length, 6);
    assert.equal(report.dynamicRelocations, 6);
    assert.deepEqual(
      rels.map((r) => [r.offset, r.type, dynsyms[r.symbol]?.name]),
      syscallSites.map((r) => [text.addr + r.offset, 10, r.symbol.name === "__bpf_trap" ? "abort" : r.symbol.name]),
    );
    for (const r of rels) {
      assert.equal(so[r.offset], 0x85, "relocation sits on a call");
      assert.equal(so.readInt32LE(r.offset + 4), -1, "the loader only resolves calls with imm -1");
    }
    assert.ok(syscallSites.some((r) => r.symbol.name === "__bpf_trap"));
  });

  it("describes the dynamic tables in .dynamic", () => {
    const dyn = out.dynamic();
    assert.equal(dyn.get(DT.SYMTAB), BigInt(out.section(".dynsym").addr));
    assert.equal(dyn.get(DT.SYMENT), 24n);
    assert.equal(dyn.get(DT.STRTAB), BigInt(out.section(".dynstr").addr));
    assert.equal(dyn.get(DT.STRSZ), BigInt(out.section(".dynstr").size));
    assert.equal(dyn.get(DT.REL), BigInt(out.section(".rel.dyn").addr));
    assert.equal(dyn.get(DT.RELSZ), BigInt(out.section(".rel.dyn").size));
    assert.equal(dyn.get(DT.RELENT), 16n);
    assert.equal(dyn.get(DT.FLAGS), 4n, "DF_TEXTREL");
  });

  it("merges read-only data into .rodata and drops .eh_frame", () => {
    assert.deepEqual(report.rodataSections, [".rodata", ".data.rel.ro", ".rodata.str1.16"]);
    assert.deepEqual(report.droppedSections, [".eh_frame"]);
    assert.ok(!out.hasSection(".eh_frame"));
    const rodata = out.contents(".rodata").toString("latin1");
    for (const s of ["golden: hello", "golden: name Agolden: name B", "golden: handler A\0", "golden: handler B\0"]) {
      assert.ok(rodata.includes(s), `.rodata contains ${JSON.stringify(s)}`);
    }
  });

  it("reports sizes consistent with the output", () => {
    assert.equal(report.textBytes, text.size);
    assert.equal(report.textBytes, input.text.length);
    assert.equal(report.instructions, text.size / 8);
    assert.equal(report.rodataBytes, out.section(".rodata").size);
    assert.equal(report.soBytes, so.length);
  });
});

describe("relink: determinism", () => {
  it("produces identical bytes on every run and from any view of the input", () => {
    const object = fixture("golden.o");
    const pristine = Buffer.from(object);
    const first = relink(object).so;
    const second = relink(object).so;
    assert.ok(first.equals(second));
    // Same bytes at an odd byteOffset inside a larger buffer, as a plain Uint8Array.
    const backing = new Uint8Array(object.length + 3);
    backing.set(object, 3);
    assert.ok(relink(backing.subarray(3)).so.equals(first));
    assert.ok(object.equals(pristine), "the input buffer is not modified");
  });
});

describe("relink: program without syscalls or read-only data", () => {
  const { so, report } = relink(fixture("minimal.o"));
  const out = new SharedObject(so);

  it("omits .rodata and .rel.dyn and the DT_REL entries", () => {
    assert.deepEqual(
      out.sections.map((s) => s.name),
      ["", ".text", ".dynamic", ".dynsym", ".dynstr", ".shstrtab"],
    );
    assert.equal(out.dynamic().has(DT.REL), false);
    assert.deepEqual(
      out.dynsyms().map((s) => s.name),
      [""],
    );
    assert.deepEqual(report.syscalls, []);
    assert.equal(report.dynamicRelocations, 0);
    assert.equal(report.rodataBytes, 0);
  });

  it("still starts the read-only segment at .dynamic", () => {
    const dataSeg = out.programHeaders[1];
    assert.ok(dataSeg);
    assert.equal(dataSeg.offset, out.section(".dynamic").offset);
    assert.equal(out.entry, out.section(".text").addr);
  });
});
