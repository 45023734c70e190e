/**
 * The two generated pieces that make stock Anchor clients work without our SDK: the error log
 * lines the program prints on failure (read by `AnchorError.parse`), and the PDA seeds in the
 * IDL (read by Anchor's account resolver).
 */
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { AnchorError } from "@coral-xyz/anchor";
import { generateArtifacts } from "../src/generate.js";
import { buildIdl, type Idl } from "../src/idl.js";
import { readProgramSource, SourceError } from "../src/rust-source.js";
import { sourceTree } from "./source-tree.js";

const root = resolve(__dirname, "../../..");
const artifacts = generateArtifacts(root);
const artifact = (suffix: string) => artifacts.find((a) => a.path.endsWith(suffix))!.content;
const idl = JSON.parse(artifact(".json")) as Idl;
const META = { address: "11111111111111111111111111111111", version: "0.0.0", description: "" };

const ERRORS = "pub enum EscrowError {\n    /// First\n    A = 6000,\n    /// Second\n    B = 6001,\n}\n";
const STATE_FILE = (seed: string, type: string, fields: string) =>
  [
    `pub const ${seed.toUpperCase()}_SEED: &[u8] = b"${seed}";`,
    "#[repr(C)]",
    `pub struct ${type} {`,
    fields,
    "}",
    `unsafe impl AccountState for ${type} {`,
    "}",
    "",
  ].join("\n");
const STATE = {
  "state/agent.rs": STATE_FILE("agent", "Agent", "    pub wallet: Pubkey,"),
  "state/job.rs": STATE_FILE("job", "Job", "    pub client: Pubkey,\n    pub provider: Pubkey,\n    pub id: u64,"),
  "state/quota.rs": STATE_FILE("quota", "CampaignQuota", "    pub agent: Pubkey,\n    pub total_claims: u32,"),
};
/** An instruction whose account list is `accounts` and whose only argument is `id: u64`. */
const instruction = (...accounts: string[]) =>
  [
    "//! Does a thing.",
    ...accounts.map((a, i) => `/// ${i}. ${a}`),
    "#[repr(C, packed)]",
    "pub struct Args {",
    "    pub id: u64,",
    "}",
    "",
  ].join("\n");
const treeWith = (ix: string) => sourceTree({ "error.rs": ERRORS, ...STATE, "instructions/do_thing/mod.rs": ix });
const seedsOf = (ix: string, account: string) => {
  const built = buildIdl(readProgramSource(treeWith(ix)), META);
  return built.instructions[0]?.accounts.find((a) => a.name === account)?.pda?.seeds;
};
const bytes = (s: string) => [...Buffer.from(s)];

describe("Anchor compatibility of the generated artifacts", () => {
  describe("error log lines", () => {
    // Each arm of the generated match: `Enum::Name => "<line>",`.
    const lines = [...artifact("generated.rs").matchAll(/^ {12}EscrowError::(\w+) => "(.*)",$/gm)];

    it("has one line per IDL error, in the error enum's order", () => {
      // Given the IDL generated from error.rs
      // Then the Rust table has exactly its errors, so no variant lacks a line
      assert.ok(idl.errors.length > 40);
      assert.deepEqual(
        lines.map((m) => m[1]),
        idl.errors.map((e) => e.name),
      );
    });

    it("reads back through Anchor's own parser as the IDL's name, number and message", () => {
      for (const [, name, line] of lines) {
        // Given the line the program logs for an error (the runtime prefixes "Program log: ")
        const logs = [`Program ${META.address} invoke [1]`, `Program log: ${line}`, `Program ${META.address} failed`];
        // When @coral-xyz/anchor parses the transaction's logs
        const parsed = AnchorError.parse(logs);
        // Then it finds the IDL's error
        const expected = idl.errors.find((e) => e.name === name)!;
        assert.ok(parsed, `${name}: AnchorError.parse found no error in ${line}`);
        assert.deepEqual(parsed.error.errorCode, { code: expected.name, number: expected.code });
        assert.equal(parsed.error.errorMessage, expected.msg);
      }
    });

    it("refuses an error message that cannot sit in a Rust string literal", () => {
      // Given an error whose doc comment (its message) contains a quote
      const files = { "error.rs": ERRORS.replace("/// Second", '/// Second "quoted"') };
      // Then the generator stops instead of emitting Rust that does not compile
      assert.throws(
        () => readProgramSource(sourceTree(files)),
        (e: unknown) => e instanceof SourceError && /message of B has a quote/.test(e.message),
      );
    });
  });

  describe("PDA seeds", () => {
    it("turns literals, account keys, arguments and account fields into Anchor seeds", () => {
      // Given accounts annotated with the four kinds of seed
      const ix = instruction(
        "`[signer]` client — the client",
        '`[writable]` job — PDA `["job", client, id as u64 LE]`, created here',
        '`[writable]` provider_agent — PDA `["agent", job.provider]`; the provider\'s ledger',
        '`[]` quota — PDA `["quota", job, client]`',
        '`[]` tally — PDA `["quota", quota, quota.total_claims as u32 LE]`',
      );
      // Then each becomes the IDL seed Anchor resolves the same way the program derives it
      assert.deepEqual(seedsOf(ix, "job"), [
        { kind: "const", value: bytes("job") },
        { kind: "account", path: "client" },
        { kind: "arg", path: "id" },
      ]);
      assert.deepEqual(seedsOf(ix, "provider_agent"), [
        { kind: "const", value: bytes("agent") },
        { kind: "account", path: "job.provider", account: "Job" },
      ]);
      // A data seed's account type comes from that account's own annotation (quota → CampaignQuota)
      assert.deepEqual(seedsOf(ix, "tally"), [
        { kind: "const", value: bytes("quota") },
        { kind: "account", path: "quota" },
        { kind: "account", path: "quota.total_claims", account: "CampaignQuota" },
      ]);
      // And an account without an annotation gets no seeds
      assert.equal(seedsOf(ix, "client"), undefined);
    });

    it("leaves prose that mentions a PDA alone", () => {
      const ix = instruction("`[]` vault — token account owned by the config PDA, with no delegate");
      assert.equal(seedsOf(ix, "vault"), undefined);
    });

    const refused: [string, string, RegExp][] = [
      ["an annotation without backticks", '`[]` agent — PDA ["agent", wallet]', /malformed PDA annotation/],
      [
        "a seed it cannot read",
        '`[]` agent — PDA `["agent", wallet as pubkey]`',
        /cannot read seed `wallet as pubkey`/,
      ],
      ["a literal that is no seed constant", '`[]` agent — PDA `["agnet", id]`', /"agnet" is not a seed constant/],
      ["an annotation not led by its seed constant", "`[]` agent — PDA `[id]`", /starts with its seed constant/],
      ["a seed naming nothing", '`[]` agent — PDA `["agent", wallet]`', /wallet is neither an account nor an argument/],
      [
        "a stated encoding that is not the type's",
        '`[]` job — PDA `["job", id as u32 LE]`',
        /written `as u32 LE` but is a u64/,
      ],
      ["an account derived from itself", '`[]` agent — PDA `["agent", agent]`', /cannot be derived from itself/],
    ];
    for (const [name, line, message] of refused) {
      it(`refuses ${name}`, () => {
        // Given an instruction whose account list carries the bad annotation
        const ix = instruction("`[signer]` payer — pays", line);
        // Then generation fails and names the problem
        assert.throws(
          () => buildIdl(readProgramSource(treeWith(ix)), META),
          (e: unknown) => e instanceof SourceError && message.test(e.message),
        );
      });
    }

    it("refuses a field seed whose account type it cannot tell or whose field is missing", () => {
      const cases: [string, RegExp][] = [
        ["`[]` thing — a thing", /cannot tell which account type it holds/],
        ["`[]` job — the job", /Job has no field owner/],
      ];
      for (const [root, message] of cases) {
        const name = root.split(" ")[1];
        const ix = instruction(root, `\`[]\` agent — PDA \`["agent", ${name}.owner]\``);
        assert.throws(
          () => buildIdl(readProgramSource(treeWith(ix)), META),
          (e: unknown) => e instanceof SourceError && message.test(e.message),
        );
      }
    });

    describe("in the committed IDL", () => {
      const accountsNamed = (test: (name: string) => boolean) =>
        idl.instructions.flatMap((ix) => ix.accounts.filter((a) => test(a.name)).map((a) => ({ ix: ix.name, a })));

      it("derives the config wherever an instruction takes it", () => {
        const configs = accountsNamed((n) => n === "config");
        assert.ok(configs.length >= 17);
        for (const { ix, a } of configs)
          assert.deepEqual(a.pda?.seeds, [{ kind: "const", value: bytes("config") }], ix);
      });

      it("derives every agent ledger from its wallet", () => {
        const ledgers = accountsNamed((n) => n === "agent" || n.endsWith("_agent"));
        assert.ok(ledgers.length >= 15);
        for (const { ix, a } of ledgers) {
          assert.deepEqual(a.pda?.seeds[0], { kind: "const", value: bytes("agent") }, `${ix}.${a.name}`);
          assert.equal(a.pda?.seeds.length, 2, `${ix}.${a.name}`);
        }
      });

      it("derives the accounts each create instruction creates", () => {
        const seeds = (ix: string, account: string) =>
          idl.instructions.find((i) => i.name === ix)!.accounts.find((a) => a.name === account)?.pda?.seeds;
        assert.deepEqual(seeds("create_job", "job")?.[2], { kind: "arg", path: "id" });
        assert.deepEqual(seeds("create_campaign", "campaign")?.[2], { kind: "arg", path: "id" });
        assert.deepEqual(seeds("claim_task", "quota")?.slice(1), [
          { kind: "account", path: "campaign" },
          { kind: "account", path: "wallet" },
        ]);
        assert.deepEqual(seeds("claim_task", "task")?.[2], {
          kind: "account",
          path: "quota.total_claims",
          account: "CampaignQuota",
        });
      });
    });
  });
});
