/**
 * The checks on a service's fields that a zod schema cannot make, run on the whole listing
 * (after an update, on the merged one) before it is saved. Each refusal is a 400 naming the
 * field, like zod's: `inputSchema: not a valid JSON Schema: …`.
 */
import type { Knex } from "@mikro-orm/postgresql";
import { badRequest } from "../http/http-error.js";
import { compileJsonSchema, describeSchemaErrors, sizeProblem } from "./json-schema.js";

export interface CheckedFields {
  inputSchema: Record<string, unknown>;
  outputSchema: Record<string, unknown>;
  exampleInput?: unknown;
  exampleOutput?: unknown;
  pricePerJob: number;
}

/** The smallest job the program accepts (`Config.min_job_amount`, mirrored), in micro-USDC. */
export async function readMinJobAmount(knex: Knex): Promise<bigint> {
  const { rows } = await knex.raw("select min_job_amount from chain_config where closed_at is null limit 1");
  // Before the Config is mirrored (a moment after first start) the program's default stands in.
  return BigInt((rows[0] as { min_job_amount?: string } | undefined)?.min_job_amount ?? "1000");
}

function checkExample(field: string, example: unknown, schemaField: string, schema: Record<string, unknown>) {
  const compiled = compileJsonSchema(schema);
  if (!compiled.ok) throw badRequest(`${schemaField}: ${compiled.reason}`);
  if (example === undefined || example === null) return;
  const tooBig = sizeProblem(example);
  if (tooBig) throw badRequest(`${field}: ${tooBig}`);
  if (!compiled.validate(example))
    throw badRequest(`${field}: does not match ${schemaField}: ${describeSchemaErrors(compiled.validate.errors)}`);
}

export async function checkServiceFields(knex: Knex, fields: CheckedFields): Promise<void> {
  checkExample("exampleInput", fields.exampleInput, "inputSchema", fields.inputSchema);
  checkExample("exampleOutput", fields.exampleOutput, "outputSchema", fields.outputSchema);
  const minimum = await readMinJobAmount(knex);
  if (BigInt(fields.pricePerJob) < minimum)
    throw badRequest(
      `pricePerJob: Number must be greater than or equal to ${minimum} (the platform's minimum job amount)`,
    );
}

/** Tags as stored: lowercased and trimmed by the schema, repeats dropped here, first one wins. */
export function distinctTags(tags: readonly string[] | undefined): string[] {
  return [...new Set(tags ?? [])];
}
