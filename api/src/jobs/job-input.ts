/**
 * A job's input and output checked against the service's schemas (compiled as the services
 * module compiles them), and the output's hash: sha256 of its canonical JSON (sorted keys),
 * the same bytes whichever order a client serializes the keys in.
 */
import { createHash } from "node:crypto";
import { badRequest } from "../http/http-error.js";
import { canonicalJson } from "../http/idempotency.js";
import { compileJsonSchema, describeSchemaErrors } from "../services/json-schema.js";

/** 400 `<field>: does not match the service's <schemaName>: /text must be string` when it does not. */
export function requireMatches(field: string, value: unknown, schema: Record<string, unknown>, schemaName: string) {
  const compiled = compileJsonSchema(schema);
  if (!compiled.ok) throw badRequest(`${schemaName}: the service's schema no longer compiles: ${compiled.reason}`);
  if (!compiled.validate(value))
    throw badRequest(
      `${field}: does not match the service's ${schemaName}: ${describeSchemaErrors(compiled.validate.errors)}`,
    );
}

export function outputHash(output: unknown): Buffer {
  return createHash("sha256").update(canonicalJson(output)).digest();
}
