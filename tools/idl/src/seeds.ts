/**
 * PDA seeds for the IDL (spec 0.1.0 `pda.seeds`), from the accounts' PDA annotations, so that
 * Anchor's account resolution derives them (`.accounts({...})` with the PDAs left out).
 *
 * An annotation ``PDA `["agent", job.provider]` `` lists the seeds as the program derives them:
 * - `"agent"`: a byte string, which must be a seed constant of state/ (`AGENT_SEED`). The first
 *   seed is one, and it names the type of the account the annotation describes (Agent);
 * - `wallet`: the key of another account of the instruction, or an instruction argument;
 * - `job.provider`: a field of another account's data (Anchor fetches that account). The
 *   account's type is the one its own annotation names, or the type it is named after (`job`
 *   holds a Job).
 * An integer may state its encoding (`id as u64 LE`), which must be the referenced type's.
 */
import type { ProgramSource, RustField, RustInstruction, RustIxAccount, RustSeed } from "./rust-source.js";
import { SourceError } from "./rust-source.js";

export type IdlSeed =
  | { kind: "const"; value: number[] }
  | { kind: "account"; path: string; account?: string }
  | { kind: "arg"; path: string };

const INTEGERS = new Set(["u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64"]);
const snakeCase = (type: string) => type.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();

/** Types that Anchor's resolver turns into seed bytes the way the program does. */
function seedEncodable(type: string): boolean {
  return INTEGERS.has(type) || type === "Pubkey" || /^\[u8; \d+\]$/.test(type);
}

export function resolvePdaSeeds(src: ProgramSource, ix: RustInstruction, account: RustIxAccount): IdlSeed[] {
  const where = `instruction ${ix.name}, account ${account.name}`;
  const fail = (message: string): never => {
    throw new SourceError(`${where}: ${message}`);
  };
  const seeds = account.pda ?? fail("has no PDA annotation");
  if (seeds[0]?.kind !== "const") fail('a PDA annotation starts with its seed constant, e.g. `["agent", wallet]`');

  const checkEncoding = (seed: RustSeed & { kind: "ref" }, type: string) => {
    if (!seedEncodable(type)) fail(`seed ${seed.name}${seed.field ? `.${seed.field}` : ""} is a ${type}, not a seed`);
    if (seed.as && seed.as !== type) fail(`seed ${seed.name} is written \`as ${seed.as} LE\` but is a ${type}`);
  };

  return seeds.map((seed): IdlSeed => {
    if (seed.kind === "const") {
      if (!src.seeds.has(seed.value)) fail(`"${seed.value}" is not a seed constant of state/ (\`pub const *_SEED\`)`);
      return { kind: "const", value: [...Buffer.from(seed.value)] };
    }
    if (seed.name === account.name) fail("a PDA cannot be derived from itself");
    const other = ix.accounts.find((a) => a.name === seed.name);
    const arg = ix.args.find((a) => a.name === seed.name);
    if (other && arg) fail(`seed ${seed.name} names both an account and an argument`);
    if (seed.field) {
      if (!other) fail(`seed ${seed.name}.${seed.field}: ${ix.name} has no account ${seed.name}`);
      const type = accountType(src, other as RustIxAccount);
      const field = fieldOf(src, type, seed.field) ?? fail(`${type} has no field ${seed.field}`);
      checkEncoding(seed, field.type);
      return { kind: "account", path: `${seed.name}.${seed.field}`, account: type };
    }
    if (other) {
      checkEncoding(seed, "Pubkey");
      return { kind: "account", path: seed.name };
    }
    if (!arg) fail(`seed ${seed.name} is neither an account nor an argument of ${ix.name}`);
    checkEncoding(seed, (arg as RustField).type);
    return { kind: "arg", path: seed.name };
  });
}

/** The account type an instruction account holds: its annotation's, or the one it is named after. */
function accountType(src: ProgramSource, account: RustIxAccount): string {
  const first = account.pda?.[0];
  if (first?.kind === "const") {
    const type = src.seeds.get(first.value);
    if (type) return type;
  }
  const named = src.accounts.find((type) => snakeCase(type) === account.name);
  if (named) return named;
  throw new SourceError(
    `account ${account.name}: cannot tell which account type it holds; give it a PDA annotation or name it after its type`,
  );
}

function fieldOf(src: ProgramSource, type: string, name: string): RustField | undefined {
  return src.structs.get(type)?.fields.find((f) => f.name === name);
}
