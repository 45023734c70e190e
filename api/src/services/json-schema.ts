/**
 * The JSON Schemas a service publishes (`inputSchema`, `outputSchema`). They are compiled with
 * ajv and ajv-formats when saved, so a schema that could never validate a job is refused then
 * and not when the first client hires the service. The jobs routes validate inputs and outputs
 * with the same `compileJsonSchema`.
 *
 * A schema comes from any activated agent, so its cost is bounded before ajv sees it: at most
 * `MAX_SCHEMA_BYTES` of JSON and `MAX_SCHEMA_DEPTH` levels of nesting (ajv generates code
 * recursively; a deep schema is a deep stack). Remote `$ref`s are never fetched: ajv is given
 * no loader, so a reference outside the schema fails to compile.
 */
import { createHash } from "node:crypto";
import { jsonDepth, MAX_SCHEMA_BYTES, MAX_SCHEMA_DEPTH, sizeProblem } from "@justpay/sdk/schemas";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import Ajv2019 from "ajv/dist/2019.js";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { LruMap } from "../runtime/lru-map.js";

export { jsonDepth, MAX_SCHEMA_BYTES, MAX_SCHEMA_DEPTH, sizeProblem };

export type CompiledSchema = { ok: true; validate: ValidateFunction } | { ok: false; reason: string };

/**
 * An ajv for the draft a schema names in `$schema` (draft-07 when it names none), whose
 * warnings are collected instead of printed.
 */
function ajvFor(schema: Record<string, unknown>, warnings: string[]): Ajv {
  const draft = typeof schema.$schema === "string" ? schema.$schema : "";
  const options = {
    // JSON Schema ignores unknown keywords (OpenAPI's `example`, vendor `x-…` annotations), so
    // strict mode's refusal of them is off; the meta-schema still catches malformed known ones.
    strictSchema: false,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    logger: { log: () => {}, warn: (...args: unknown[]) => warnings.push(args.join(" ")), error: () => {} },
  };
  const ajv = draft.includes("2020-12")
    ? new Ajv2020(options)
    : draft.includes("2019-09")
      ? new Ajv2019(options)
      : new Ajv(options);
  addFormats(ajv);
  return ajv;
}

/**
 * Compiles a schema in an ajv instance of its own: ajv caches every schema it compiles by
 * `$id`, which across agents would collide (two services with the same `$id`) and grow forever.
 * An unknown `format` is refused, though ajv would only warn: it is a typo that would
 * silently validate nothing.
 */
function compileFresh(schema: Record<string, unknown>): CompiledSchema {
  const warnings: string[] = [];
  try {
    const validate = ajvFor(schema, warnings).compile(schema);
    const unknownFormat = warnings.find((w) => w.startsWith("unknown format"));
    if (unknownFormat)
      return { ok: false, reason: `not a valid JSON Schema: ${unknownFormat.replace(/ ignored\b/, "")}` };
    return { ok: true, validate };
  } catch (e) {
    return { ok: false, reason: `not a valid JSON Schema: ${(e as Error).message}` };
  }
}

/** How many compiled schemas are kept, least recently used out first. */
const COMPILED_SCHEMA_CACHE_SIZE = 1_000;
const compiled = new LruMap<string, CompiledSchema>(COMPILED_SCHEMA_CACHE_SIZE);

/**
 * A schema's compiled validator (or why it does not compile). Compiling costs tens of
 * milliseconds (a fresh ajv compiles its meta-schema first), and every job's input and every
 * delivery is checked against its service's schema, so results are kept by the schema's
 * JSON text (hashed): the same text always compiles to the same validator, so a hit is exactly
 * what compiling again would give, and each entry keeps its own ajv, as above. A validator
 * is only called synchronously, so sharing its `errors` between requests is safe.
 */
export function compileJsonSchema(schema: Record<string, unknown>): CompiledSchema {
  const tooBig = sizeProblem(schema);
  if (tooBig) return { ok: false, reason: `schema is ${tooBig}` };
  const key = createHash("sha256").update(JSON.stringify(schema)).digest("base64");
  const hit = compiled.get(key);
  if (hit) return hit;
  const result = compileFresh(schema);
  compiled.set(key, result);
  return result;
}

/** ajv's errors as one line: `/text must be string; /maxBullets must be number`. */
export function describeSchemaErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`).join("; ");
}
