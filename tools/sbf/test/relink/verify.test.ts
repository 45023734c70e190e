import assert from "node:assert/strict";
import type { RelinkErrorCode } from "../../src/relink";
import { SBPF_V0_OPCODES } from "../../src/relink/opcodes.js";
import { type CodeContext, fixCallx, verifyText } from "../../src/relink/verify.js";
import { assemble, assertRelinkError } from "./helpers.js";

type Tuple = readonly [number, number, number, number, number];
const EXIT: Tuple = [0x95, 0, 0, 0, 0];
const MOV_R0_0: Tuple = [0xb7, 0, 0, 0, 0];
const LDDW_R1: readonly [Tuple, Tuple] = [
  [0x18, 1, 0, 0, 0x1000],
  [0x00, 0, 0, 0, 1],
];

const namer = (index: number) => `#${index}`;
function context(overrides: Partial<CodeContext> = {}): CodeContext {
  return { syscallSites: new Set(), internalCalls: new Set(), nameInstruction: namer, ...overrides };
}
const verify = (code: Buffer, ctx: CodeContext = context()) => verifyText(code, ctx);

describe("relink verifier: accepted SBPF v0 code", () => {
  it("accepts ALU64, memory, jumps, lddw and exit, and counts instruction slots", () => {
    const code = assemble(
      MOV_R0_0,
      ...LDDW_R1,
      [0x79, 2, 1, 8, 0], // ldxdw r2, [r1+8]
      [0x7b, 10, 2, -8, 0], // stxdw [r10-8], r2: r10 may be a store base
      [0x7a, 10, 0, -16, 7], // stdw [r10-16], 7
      [0x67, 2, 0, 0, 63], // lsh64 r2, 63
      [0x37, 2, 0, 0, 3], // div64 r2, 3
      [0x87, 2, 0, 0, 0], // neg64 r2
      [0xdc, 2, 0, 0, 64], // be64 r2
      [0xd4, 2, 0, 0, 16], // le16 r2 (ALU class, but not ALU32 arithmetic)
      [0x15, 2, 0, 1, 0], // jeq r2, 0, +1
      [0x05, 0, 0, 0, 0], // ja +0
      EXIT,
    );
    assert.equal(verify(code), 14);
  });

  it("accepts a syscall site with imm -1 and a pseudo call to a function", () => {
    const code = assemble([0x85, 0, 0, 0, -1], [0x85, 0, 1, 0, 1], EXIT, EXIT);
    verify(code, context({ syscallSites: new Set([0]) }));
  });

  it("knows every SBPF v0 opcode the loader accepts except the ALU32 class", () => {
    // lddw, 4 ldx, 4 st, 4 stx, 12 ALU64 ops x imm/reg, neg64, le, be, ja, 11 conditional jumps x imm/reg, call, callx, exit
    assert.equal(SBPF_V0_OPCODES.size, 1 + 4 + 4 + 4 + 24 + 1 + 2 + 1 + 22 + 3);
    for (const op of SBPF_V0_OPCODES.keys()) {
      assert.notEqual(op & 7, 6, `0x${op.toString(16)} is not JMP32`);
      if ((op & 7) === 4)
        assert.ok(op === 0xd4 || op === 0xdc, `0x${op.toString(16)}: only le/be from the ALU32 class`);
    }
  });
});

describe("relink verifier: rejected encodings", () => {
  const cases: ReadonlyArray<readonly [string, Buffer, RelinkErrorCode, readonly string[]]> = [
    ["JMP32 class", assemble([0x16, 1, 0, 0, 5], EXIT), "JMP32", ["#0", "-mcpu=v2"]],
    ["gotol (JMP32 ja)", assemble([0x06, 0, 0, 0, 0], EXIT), "JMP32", ["JMP32"]],
    ["ALU32 add", assemble([0x04, 0, 0, 0, 1], EXIT), "ALU32", ["sign-extends", "-mcpu=v2"]],
    ["ALU32 mov", assemble([0xbc, 0, 1, 0, 0], EXIT), "ALU32", ["opcode 0xbc"]],
    ["smod", assemble([0x9f, 0, 1, 1, 0], EXIT), "SIGNED_DIVISION", ["smod"]],
    ["sdiv imm", assemble([0x37, 0, 0, 1, 3], EXIT), "SIGNED_DIVISION", ["sdiv"]],
    ["movsx", assemble([0xbf, 0, 1, 16, 0], EXIT), "SIGN_EXTENSION", ["16 bits"]],
    ["ALU64 with another offset", assemble([0x07, 0, 0, 3, 1], EXIT), "NONZERO_OFFSET", ["offset 3"]],
    ["bswap", assemble([0xd7, 0, 0, 0, 16], EXIT), "UNKNOWN_OPCODE", ["bswap"]],
    ["sign-extending load", assemble([0x91, 0, 1, 0, 0], EXIT), "UNKNOWN_OPCODE", ["sign-extending load"]],
    ["neg64 register form", assemble([0x8f, 0, 1, 0, 0], EXIT), "UNKNOWN_OPCODE", ["0x8f"]],
    ["opcode 0", assemble([0x00, 0, 0, 0, 0], EXIT), "UNKNOWN_OPCODE", ["opcode 0x0"]],
    ["lddw as last instruction", assemble(MOV_R0_0, [0x18, 1, 0, 0, 0]), "MALFORMED_LDDW", ["last"]],
    ["lddw with a bad second slot", assemble([0x18, 1, 0, 0, 0], EXIT, EXIT), "MALFORMED_LDDW", ["opcode 0"]],
    ["jump past the end", assemble([0x05, 0, 0, 5, 0], EXIT), "BAD_JUMP", ["outside the text section"]],
    ["jump before the start", assemble([0x05, 0, 0, -2, 0], EXIT), "BAD_JUMP", ["outside"]],
    ["jump into an lddw", assemble([0x05, 0, 0, 1, 0], ...LDDW_R1, EXIT), "BAD_JUMP", ["second half of an lddw"]],
    ["shift by 64", assemble([0x67, 0, 0, 0, 64], EXIT), "INVALID_IMMEDIATE", ["lsh64 imm by 64"]],
    ["negative shift", assemble([0xc7, 0, 0, 0, -1], EXIT), "INVALID_IMMEDIATE", ["arsh64"]],
    [
      "division by constant zero",
      assemble([0x37, 0, 0, 0, 0], EXIT),
      "INVALID_IMMEDIATE",
      ["div64 imm by constant zero"],
    ],
    ["modulo by constant zero", assemble([0x97, 0, 0, 0, 0], EXIT), "INVALID_IMMEDIATE", ["mod64"]],
    ["be8", assemble([0xdc, 0, 0, 0, 8], EXIT), "INVALID_IMMEDIATE", ["be8"]],
    ["write to r10", assemble([0xb7, 10, 0, 0, 0], EXIT), "INVALID_REGISTER", ["r10"]],
    ["load into r10", assemble([0x79, 10, 1, 0, 0], EXIT), "INVALID_REGISTER", ["r10"]],
    ["source r11", assemble([0xbf, 0, 11, 0, 0], EXIT), "INVALID_REGISTER", ["r11"]],
    ["callx r10", assemble([0x8d, 0, 0, 0, 10], EXIT), "INVALID_REGISTER", ["callx through r10"]],
    ["kernel helper call", assemble([0x85, 0, 0, 0, 1], EXIT), "HELPER_CALL", ["helper #1"]],
    ["unrelocated call -1", assemble([0x85, 0, 1, 0, -1], EXIT), "UNRESOLVED_CALL", ["without a relocation"]],
    ["call past the end", assemble([0x85, 0, 1, 0, 7], EXIT), "CALL_OUTSIDE_TEXT", ["outside the text section"]],
    ["call into an lddw", assemble([0x85, 0, 1, 0, 1], ...LDDW_R1, EXIT), "BAD_JUMP", ["second half of an lddw"]],
  ];
  for (const [title, code, errorCode, fragments] of cases) {
    it(`${title} -> ${errorCode}`, () => {
      assertRelinkError(() => verify(code), errorCode, ...fragments);
    });
  }

  it("rejects an empty or ragged text section", () => {
    assertRelinkError(() => verify(Buffer.alloc(0)), "MALFORMED_ELF");
    assertRelinkError(() => verify(Buffer.alloc(12)), "MALFORMED_ELF");
  });

  it("names the instruction with the namer", () => {
    const code = assemble(MOV_R0_0, [0x04, 0, 0, 0, 1], EXIT);
    assertRelinkError(
      () => verify(code, context({ nameInstruction: (i) => `#${i} (f+0x${(i * 8).toString(16)})` })),
      "ALU32",
      "instruction #1 (f+0x8), opcode 0x4",
    );
  });

  it("does not treat the second slot of an lddw as an instruction", () => {
    // Only the second slot's opcode (0) is checked, like the loader does; its register
    // byte would be invalid (r15) for a real instruction.
    const code = assemble([0x18, 1, 0, 0, 0], [0x00, 15, 15, 0, 1], EXIT);
    assert.equal(verify(code), 3);
  });
});

describe("relink verifier: callx fix-up", () => {
  it("copies the register from dst into imm", () => {
    const code = assemble([0x8d, 3, 0, 0, 0], EXIT);
    assert.equal(fixCallx(code, namer), 1);
    assert.equal(code.readInt32LE(4), 3);
    verify(code);
  });

  it("leaves SBPF-style callx (register already in imm) and callx r0 alone", () => {
    const code = assemble([0x8d, 0, 0, 0, 4], [0x8d, 0, 0, 0, 0], [0x8d, 5, 0, 0, 5], EXIT);
    const before = Buffer.from(code);
    assert.equal(fixCallx(code, namer), 0);
    assert.ok(code.equals(before));
  });

  it("refuses a callx whose dst and imm disagree", () => {
    const code = assemble([0x8d, 3, 0, 0, 4], EXIT);
    assertRelinkError(() => fixCallx(code, namer), "INVALID_REGISTER", "r3", "4");
  });

  it("does not touch lddw immediates that happen to look like callx", () => {
    const code = assemble([0x18, 1, 0, 0, 0], [0x00, 0, 0, 0, 0], EXIT);
    code[8] = 0x00;
    code[9] = 0x03; // second slot: regs byte set, opcode 0
    const before = Buffer.from(code);
    assert.equal(fixCallx(code, namer), 0);
    assert.ok(code.equals(before));
  });
});
