import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { resolve } from "node:path";
import { BorshCoder, type Idl } from "@coral-xyz/anchor";
import { driftedArtifacts, generateArtifacts } from "../src/generate.js";
import { readProgramSource, SourceError } from "../src/rust-source.js";
import { sourceTree } from "./source-tree.js";

const root = resolve(__dirname, "../../..");
const idl = JSON.parse(generateArtifacts(root).find((a) => a.path.endsWith(".json"))!.content) as Idl;
const disc = (s: string) => [...createHash("sha256").update(s).digest().subarray(0, 8)];

const ERRORS_OK = "pub enum EscrowError {\n    /// First\n    A = 6000,\n    /// Second\n    B = 6001,\n}\n";
const IX_OK = [
  "//! Does a thing.",
  "/// Accounts:",
  "/// 0. `[signer, writable]` payer — pays",
  "/// 1. `[]` system_program",
  "#[repr(C, packed)]",
  "pub struct Args {",
  "    pub amount: u64,",
  "}",
  "",
].join("\n");

describe("IDL generation", () => {
  it("committed IDL, TS types and Rust discriminators match the Rust source", () => {
    assert.deepEqual(driftedArtifacts(root), []);
  });

  it("uses Anchor's discriminators: sha256 of global:/account:/event: names", () => {
    for (const ix of idl.instructions) assert.deepEqual(ix.discriminator, disc(`global:${ix.name}`), ix.name);
    for (const a of idl.accounts ?? []) assert.deepEqual(a.discriminator, disc(`account:${a.name}`), a.name);
    for (const e of idl.events ?? []) assert.deepEqual(e.discriminator, disc(`event:${e.name}`), e.name);
  });

  it("numbers errors contiguously from 6000 with messages", () => {
    const errors = idl.errors ?? [];
    assert.ok(errors.length > 0);
    errors.forEach((e, k) => {
      assert.equal(e.code, 6000 + k);
      assert.ok(e.msg && e.msg.length > 0, e.name);
    });
  });

  it("describes account layouts the Anchor coder decodes at the Rust offsets", () => {
    const coder = new BorshCoder(idl);
    // Config: six pubkeys, then fees_accrued (u64) at body offset 192.
    const data = Buffer.alloc(8 + 264);
    data.set(disc("account:Config"), 0);
    data.fill(7, 8, 40);
    data.writeBigUInt64LE(123_456n, 8 + 192);
    const decoded = coder.accounts.decode("Config", data);
    assert.deepEqual(Buffer.from(decoded.admin.toBytes()), Buffer.alloc(32, 7));
    assert.equal(decoded.fees_accrued.toString(), "123456");
  });

  it("marks the system program's fixed address so Anchor resolves it", () => {
    const ix = idl.instructions.find((i) => i.name === "initialize_config")!;
    const sys = ix.accounts.find((a) => a.name === "system_program") as { address?: string };
    assert.equal(sys.address, "11111111111111111111111111111111");
  });

  describe("rejects source it cannot describe faithfully", () => {
    it("accepts a well-formed tree", () => {
      const src = readProgramSource(sourceTree({ "error.rs": ERRORS_OK, "instructions/do_thing/mod.rs": IX_OK }));
      assert.equal(src.instructions[0]?.name, "do_thing");
      assert.deepEqual(
        src.instructions[0]?.accounts.map((a) => [a.name, a.signer, a.writable]),
        [
          ["payer", true, true],
          ["system_program", false, false],
        ],
      );
      assert.deepEqual(src.instructions[0]?.args, [{ name: "amount", type: "u64", docs: [] }]);
    });

    const cases: [string, Record<string, string>, RegExp][] = [
      [
        "error codes with a gap",
        { "error.rs": ERRORS_OK.replace("6001", "6002"), "instructions/do_thing/mod.rs": IX_OK },
        /expected 6001/,
      ],
      [
        "an account list out of order",
        { "error.rs": ERRORS_OK, "instructions/do_thing/mod.rs": IX_OK.replace("/// 1.", "/// 2.") },
        /numbered 2, expected 1/,
      ],
      [
        "instruction args that are not packed",
        { "error.rs": ERRORS_OK, "instructions/do_thing/mod.rs": IX_OK.replace("#[repr(C, packed)]", "#[repr(C)]") },
        /must be #\[repr\(C, packed\)\]/,
      ],
      [
        "an instruction without an account list",
        { "error.rs": ERRORS_OK, "instructions/do_thing/mod.rs": "//! Nothing.\n" },
        /no account list/,
      ],
      [
        "a field it cannot parse",
        {
          "error.rs": ERRORS_OK,
          "instructions/do_thing/mod.rs": IX_OK.replace("pub amount: u64,", "amount: u64,"),
        },
        /cannot read field/,
      ],
    ];
    for (const [name, files, message] of cases) {
      it(name, () => {
        assert.throws(
          () => readProgramSource(sourceTree(files)),
          (e: unknown) => e instanceof SourceError && message.test(e.message),
        );
      });
    }
  });
});
