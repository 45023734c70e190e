/**
 * The generated pieces that make stock Anchor clients work without our SDK: the error log
 * lines the program prints on failure (read by `AnchorError.parse`).
 */
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { AnchorError } from "@coral-xyz/anchor";
import { generateArtifacts } from "../src/generate.js";
import type { Idl } from "../src/idl.js";
import { readProgramSource, SourceError } from "../src/rust-source.js";
import { sourceTree } from "./source-tree.js";

const root = resolve(__dirname, "../../..");
const artifacts = generateArtifacts(root);
const artifact = (suffix: string) => artifacts.find((a) => a.path.endsWith(suffix))!.content;
const idl = JSON.parse(artifact(".json")) as Idl;
const META = { address: "11111111111111111111111111111111", version: "0.0.0", description: "" };

const ERRORS = "pub enum EscrowError {\n    /// First\n    A = 6000,\n    /// Second\n    B = 6001,\n}\n";

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
});
