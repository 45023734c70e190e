/**
 * Reads the program's Rust source into a neutral model. The program is written in a small,
 * regular subset of Rust (see docs/program.md, "Source conventions"), so a careful line
 * parser is enough and keeps the IDL a pure function of the source.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

export interface RustField {
  name: string;
  type: string;
  docs: string[];
}
export interface RustStruct {
  name: string;
  docs: string[];
  fields: RustField[];
  packed: boolean;
  file: string;
}
export interface RustEnum {
  name: string;
  docs: string[];
  variants: { name: string; value: number; docs: string[] }[];
}
export interface RustError {
  name: string;
  code: number;
  msg: string;
}
/**
 * One seed of an account's PDA annotation, as written: a byte-string literal, or a reference
 * to an account or argument of the instruction, or to a field of an account's data
 * (`job.provider`). `as` is the encoding the annotation states (`u64` for `id as u64 LE`),
 * which must agree with the referenced type.
 */
export type RustSeed = { kind: "const"; value: string } | { kind: "ref"; name: string; field?: string; as?: string };

export interface RustIxAccount {
  name: string;
  signer: boolean;
  writable: boolean;
  docs: string[];
  /** The seeds of ``PDA `[…]` `` in the account's description, when it has one. */
  pda?: RustSeed[];
}
export interface RustInstruction {
  name: string;
  docs: string[];
  accounts: RustIxAccount[];
  args: RustField[];
}
export interface ProgramSource {
  structs: Map<string, RustStruct>;
  enums: Map<string, RustEnum>;
  accounts: string[];
  events: string[];
  /** The error enum's name (`pub enum … {` in error.rs). */
  errorEnum: string;
  errors: RustError[];
  instructions: RustInstruction[];
  /** Seed constants of state/ (`pub const AGENT_SEED: &[u8] = b"agent";`): value → account type. */
  seeds: Map<string, string>;
}

export class SourceError extends Error {}

function rustFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return rustFiles(path);
      return entry.endsWith(".rs") ? [path] : [];
    });
}

/** Doc lines (`/// text`) directly above line `index`, skipping attributes. */
function docsAbove(lines: string[], index: number): string[] {
  const docs: string[] = [];
  for (let i = index - 1; i >= 0; i--) {
    const line = (lines[i] ?? "").trim();
    if (line.startsWith("#[")) continue;
    const m = /^\/\/\/ ?(.*)$/.exec(line);
    if (!m) break;
    docs.unshift(m[1] ?? "");
  }
  return docs;
}

function moduleDocs(lines: string[]): string[] {
  const docs: string[] = [];
  for (const raw of lines) {
    const m = /^\/\/! ?(.*)$/.exec(raw.trim());
    if (!m) break;
    docs.push(m[1] ?? "");
  }
  return docs;
}

/** Body lines between `{` on `start` and its matching `}`. */
function blockBody(lines: string[], start: number): { body: string[]; end: number } {
  const body: string[] = [];
  let depth = 0;
  for (let i = start; i < lines.length; i++) {
    const line = lines[i] ?? "";
    for (const ch of line) {
      if (ch === "{") depth++;
      else if (ch === "}") depth--;
    }
    if (i > start) body.push(line);
    if (depth === 0) return { body: body.slice(0, -1), end: i };
  }
  throw new SourceError(`unterminated block at line ${start + 1}`);
}

function parseFields(body: string[], offset: number, lines: string[], where: string): RustField[] {
  const fields: RustField[] = [];
  body.forEach((raw, k) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("//")) return;
    const m = /^pub (\w+): (.+),$/.exec(line);
    if (!m) throw new SourceError(`${where}: cannot read field "${line}" (write \`pub name: Type,\`)`);
    fields.push({ name: m[1] as string, type: (m[2] as string).trim(), docs: docsAbove(lines, offset + 1 + k) });
  });
  return fields;
}

const ACCOUNT_LINE = /^\/\/\/ (\d+)\. `\[([a-z, ]*)\]` (\w+)(?: — (.+))?$/;
/** ``PDA `["agent", wallet]` `` in an account's description. */
const PDA_ANNOTATION = /\bPDA `\[([^`\]]*)\]`/g;
/** What starts an annotation; prose such as "owned by the config PDA" does not. */
const PDA_MENTION = /\bPDA ?[`[]/g;
const SEED_LITERAL = /^"([^"\\]+)"$/;
const SEED_REF = /^(\w+)(?:\.(\w+))?(?: as ([ui](?:8|16|32|64)) LE)?$/;

/** The seeds of an account description's PDA annotation; throws on anything malformed. */
export function parsePdaAnnotation(description: string, where: string): RustSeed[] | undefined {
  const annotations = [...description.matchAll(PDA_ANNOTATION)];
  const mentions = [...description.matchAll(PDA_MENTION)];
  const form = 'write PDA `["literal", account, arg, account.field as u32 LE]`';
  if (mentions.length !== annotations.length) throw new SourceError(`${where}: malformed PDA annotation (${form})`);
  if (annotations.length > 1) throw new SourceError(`${where}: more than one PDA annotation`);
  const list = annotations[0]?.[1];
  if (list === undefined) return undefined;
  return list.split(",").map((raw) => {
    const text = raw.trim();
    const literal = SEED_LITERAL.exec(text);
    if (literal) return { kind: "const" as const, value: literal[1] as string };
    const ref = SEED_REF.exec(text);
    if (!ref) throw new SourceError(`${where}: cannot read seed \`${text}\` of PDA annotation (${form})`);
    const [, name, field, as] = ref;
    return { kind: "ref" as const, name: name as string, ...(field ? { field } : {}), ...(as ? { as } : {}) };
  });
}

function parseInstruction(name: string, text: string, file: string, structs: RustStruct[]): RustInstruction {
  const lines = text.split("\n");
  const accounts: RustIxAccount[] = [];
  for (const [i, raw] of lines.entries()) {
    const m = ACCOUNT_LINE.exec(raw.trim());
    if (!m) continue;
    const [, index, flags, accountName, doc] = m as unknown as [string, string, string, string, string | undefined];
    if (Number(index) !== accounts.length) {
      throw new SourceError(`${file}: account ${accountName} is numbered ${index}, expected ${accounts.length}`);
    }
    const set = new Set(
      flags
        .split(",")
        .map((f) => f.trim())
        .filter(Boolean),
    );
    for (const f of set) if (f !== "signer" && f !== "writable") throw new SourceError(`${file}: unknown flag ${f}`);
    const pda = doc ? parsePdaAnnotation(doc, `${file}:${i + 1}`) : undefined;
    accounts.push({
      name: accountName,
      signer: set.has("signer"),
      writable: set.has("writable"),
      docs: doc ? [doc] : [],
      ...(pda ? { pda } : {}),
    });
  }
  if (accounts.length === 0) throw new SourceError(`${file}: no account list (\`/// 0. \`[signer]\` name — doc\`)`);
  const args = structs.find((s) => s.file === file && s.name === "Args");
  if (args && !args.packed)
    throw new SourceError(`${file}: Args must be #[repr(C, packed)] so its size is its Borsh size`);
  return { name, docs: moduleDocs(lines), accounts, args: args?.fields ?? [] };
}

export function readProgramSource(srcDir: string): ProgramSource {
  const structs: RustStruct[] = [];
  const enums = new Map<string, RustEnum>();
  const accounts: string[] = [];
  const events: string[] = [];
  let errors: RustError[] = [];
  let errorEnum = "";
  const seeds = new Map<string, string>();
  const ixTexts: { name: string; text: string; file: string }[] = [];

  for (const path of rustFiles(srcDir)) {
    const file = relative(srcDir, path);
    // The runtime's C-ABI structs are not part of the program's interface.
    if (file.startsWith("runtime/")) continue;
    const text = readFileSync(path, "utf8");
    const lines = text.split("\n");
    lines.forEach((raw, i) => {
      const line = raw.trim();
      const s = /^pub struct (\w+)(<[^>]*>)? \{$/.exec(line);
      if (s) {
        const attrs = lines.slice(Math.max(0, i - 3), i).join("\n");
        if (!/#\[repr\(C/.test(attrs)) return; // not a wire layout
        const { body } = blockBody(lines, i);
        structs.push({
          name: s[1] as string,
          docs: docsAbove(lines, i),
          fields: parseFields(body, i, lines, `${file}:${i + 1}`),
          packed: /#\[repr\(C, packed\)\]/.test(attrs),
          file,
        });
      }
      const e = /^pub enum (\w+) \{$/.exec(line);
      if (e && file !== "error.rs" && /#\[repr\(u8\)\]/.test(lines.slice(Math.max(0, i - 3), i).join("\n"))) {
        const { body, end } = blockBody(lines, i);
        let next = 0;
        const variants = body
          .map((v, k) => ({ v: v.trim(), k }))
          .filter(({ v }) => /^\w+( = \d+)?,$/.test(v))
          .map(({ v, k }) => {
            const m = /^(\w+)(?: = (\d+))?,$/.exec(v) as RegExpExecArray;
            const value = m[2] === undefined ? next : Number(m[2]);
            next = value + 1;
            return { name: m[1] as string, value, docs: docsAbove(lines, i + 1 + k) };
          });
        variants.forEach((v, k) => {
          if (v.value !== k) throw new SourceError(`${file}:${end}: enum ${e[1]} variants must be numbered 0, 1, 2, …`);
        });
        enums.set(e[1] as string, { name: e[1] as string, docs: docsAbove(lines, i), variants });
      }
      const acc = /^unsafe impl AccountState for (\w+) \{$/.exec(line);
      if (acc) accounts.push(acc[1] as string);
      const ev = /^unsafe impl Event for (\w+) \{$/.exec(line);
      if (ev) events.push(ev[1] as string);
    });
    if (file.startsWith("state/")) readSeedConstants(file, text, seeds);
    if (file === "error.rs") {
      errorEnum = /^pub enum (\w+) \{$/m.exec(text)?.[1] ?? "";
      errors = [...text.matchAll(/\/\/\/ (.+)\n\s*(\w+) = (\d+),/g)].map((m) => ({
        msg: m[1] as string,
        name: m[2] as string,
        code: Number(m[3]),
      }));
    }
    const ix = /^instructions\/(\w+)\/mod\.rs$/.exec(file);
    if (ix) ixTexts.push({ name: ix[1] as string, text, file });
  }

  if (errors.length > 0 && !errorEnum) throw new SourceError("error.rs: no `pub enum Name {` declaration");
  errors.forEach((e, k) => {
    if (e.code !== 6000 + k)
      throw new SourceError(`error.rs: ${e.name} is ${e.code}, expected ${6000 + k} (codes are append-only)`);
    // The message is logged verbatim inside Anchor's one-line error log and a Rust string literal.
    if (/["\\\p{Cc}]/u.test(e.msg))
      throw new SourceError(`error.rs: the message of ${e.name} has a quote, backslash or control character`);
  });
  return {
    structs: new Map(structs.filter((s) => s.name !== "Args").map((s) => [s.name, s])),
    enums,
    accounts,
    events,
    errorEnum,
    errors,
    instructions: ixTexts.map(({ name, text, file }) => parseInstruction(name, text, file, structs)),
    seeds,
  };
}

/**
 * A state file's seed constants belong to the one account type it declares, which is how a
 * PDA annotation's literal names the type of the account it describes.
 */
function readSeedConstants(file: string, text: string, seeds: Map<string, string>): void {
  const constants = [...text.matchAll(/^pub const \w+_SEED: &\[u8\] = b"([^"]*)";$/gm)].map((m) => m[1] as string);
  if (constants.length === 0) return;
  const types = [...text.matchAll(/^unsafe impl AccountState for (\w+) \{$/gm)].map((m) => m[1] as string);
  if (constants.length !== 1 || types.length !== 1) {
    throw new SourceError(`${file}: a state file with a seed constant declares exactly one seed and one account type`);
  }
  const [value, type] = [constants[0] as string, types[0] as string];
  const other = seeds.get(value);
  if (other) throw new SourceError(`${file}: seed "${value}" is already ${other}'s`);
  seeds.set(value, type);
}
