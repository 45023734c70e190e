/** Builds the Anchor IDL (spec 0.1.0) from the program source model. */
import { discriminator } from "./discriminator.js";
import { type ProgramSource, type RustField, SourceError } from "./rust-source.js";
import { type IdlSeed, resolvePdaSeeds } from "./seeds.js";

export type IdlType = string | { array: [IdlType, number] } | { defined: { name: string } };

export interface IdlField {
  name: string;
  docs?: string[];
  type: IdlType;
}
export interface Idl {
  address: string;
  metadata: { name: string; version: string; spec: string; description: string };
  instructions: {
    name: string;
    docs?: string[];
    discriminator: number[];
    accounts: {
      name: string;
      docs?: string[];
      writable?: true;
      signer?: true;
      address?: string;
      pda?: { seeds: IdlSeed[] };
    }[];
    args: IdlField[];
  }[];
  accounts: { name: string; discriminator: number[] }[];
  events: { name: string; discriminator: number[] }[];
  errors: { code: number; name: string; msg: string }[];
  types: {
    name: string;
    docs?: string[];
    type: { kind: "struct"; fields: IdlField[] } | { kind: "enum"; variants: { name: string; docs?: string[] }[] };
  }[];
}

const PRIMITIVES = new Set(["u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64", "u128", "i128"]);
const FIXED_ADDRESSES: Record<string, string> = {
  system_program: "11111111111111111111111111111111",
  token_program: "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA",
};

const withDocs = (docs: string[]) => (docs.length ? { docs } : {});

export function buildIdl(src: ProgramSource, meta: { address: string; version: string; description: string }): Idl {
  const used = new Set<string>();

  const toType = (rust: string, field: RustField | undefined, where: string): IdlType => {
    if (PRIMITIVES.has(rust)) {
      // A u8 documented as [`SomeEnum`] carries that enum's tag.
      const ref = field && rust === "u8" ? /\[`(\w+)`\]/.exec(field.docs.join(" ")) : null;
      if (ref?.[1] && src.enums.has(ref[1])) {
        used.add(ref[1]);
        return { defined: { name: ref[1] } };
      }
      return rust;
    }
    if (rust === "Pubkey") return "pubkey";
    if (rust === "Bool") return "bool";
    const arr = /^\[(.+); (\d+)\]$/.exec(rust);
    if (arr) return { array: [toType(arr[1] as string, undefined, where), Number(arr[2])] };
    if (src.structs.has(rust)) {
      visitStruct(rust);
      return { defined: { name: rust } };
    }
    throw new SourceError(`${where}: type ${rust} has no IDL mapping`);
  };
  const fieldsOf = (fields: RustField[], where: string): IdlField[] =>
    fields.map((f) => ({ name: f.name, ...withDocs(f.docs), type: toType(f.type, f, `${where}.${f.name}`) }));
  function visitStruct(name: string): void {
    if (used.has(name)) return;
    used.add(name);
    const s = src.structs.get(name);
    if (!s) throw new SourceError(`struct ${name} not found`);
    fieldsOf(s.fields, name);
  }

  const instructions = src.instructions.map((ix) => ({
    name: ix.name,
    ...withDocs(ix.docs),
    discriminator: discriminator("global", ix.name),
    accounts: ix.accounts.map((a) => {
      const address = FIXED_ADDRESSES[a.name];
      return {
        name: a.name,
        ...withDocs(a.docs),
        ...(a.writable ? { writable: true as const } : {}),
        ...(a.signer ? { signer: true as const } : {}),
        ...(address ? { address } : {}),
        ...(a.pda ? { pda: { seeds: resolvePdaSeeds(src, ix, a) } } : {}),
      };
    }),
    args: fieldsOf(ix.args, ix.name),
  }));
  for (const name of [...src.accounts, ...src.events]) visitStruct(name);

  const types: Idl["types"] = [...used].sort().map((name) => {
    const e = src.enums.get(name);
    if (e) {
      return {
        name,
        ...withDocs(e.docs),
        type: { kind: "enum" as const, variants: e.variants.map((v) => ({ name: v.name, ...withDocs(v.docs) })) },
      };
    }
    const s = src.structs.get(name);
    if (!s) throw new SourceError(`type ${name} not found`);
    return { name, ...withDocs(s.docs), type: { kind: "struct" as const, fields: fieldsOf(s.fields, name) } };
  });

  return {
    address: meta.address,
    metadata: { name: "justpay_escrow", version: meta.version, spec: "0.1.0", description: meta.description },
    instructions,
    accounts: src.accounts.map((name) => ({ name, discriminator: discriminator("account", name) })),
    events: src.events.map((name) => ({ name, discriminator: discriminator("event", name) })),
    errors: src.errors.map(({ code, name, msg }) => ({ code, name, msg })),
    types,
  };
}
