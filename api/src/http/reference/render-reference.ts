/**
 * The API reference as Markdown, rendered from the OpenAPI document the server serves at
 * `/docs/json`, so that the reference in docs/ cannot drift from the code: one section per
 * tag, one entry per operation with its auth, parameters, body fields and answers.
 */

interface Schema {
  type?: string | string[];
  enum?: unknown[];
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  default?: unknown;
}

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema; description?: string }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { description?: string }>;
}

export interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, Operation>>;
}

const METHODS = ["get", "post", "put", "patch", "delete"];

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");

function typeOf(s: Schema | undefined): string {
  if (!s) return "";
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (s.anyOf) return s.anyOf.map(typeOf).join(" or ");
  if (s.type === "array") return `${typeOf(s.items)}[]`;
  const type = Array.isArray(s.type) ? s.type.join(" or ") : (s.type ?? "any");
  return s.nullable ? `${type} or null` : type;
}

function limits(s: Schema | undefined): string {
  if (!s) return "";
  const parts: string[] = [];
  if (s.minLength !== undefined || s.maxLength !== undefined)
    parts.push(`length ${s.minLength ?? 0}-${s.maxLength ?? "∞"}`);
  if (s.minimum !== undefined || s.maximum !== undefined) parts.push(`${s.minimum ?? "−∞"}-${s.maximum ?? "∞"}`);
  if (s.default !== undefined) parts.push(`default ${JSON.stringify(s.default)}`);
  return parts.join(", ");
}

function fieldRows(rows: { name: string; where: string; required: boolean; schema?: Schema; description?: string }[]) {
  if (rows.length === 0) return [];
  return [
    "| field | in | type | required | notes |",
    "| --- | --- | --- | --- | --- |",
    ...rows.map((r) => {
      const notes = [limits(r.schema), r.description ?? r.schema?.description ?? ""].filter(Boolean).join("; ");
      return `| \`${r.name}\` | ${r.where} | ${cell(typeOf(r.schema))} | ${r.required ? "yes" : "no"} | ${cell(notes)} |`;
    }),
    "",
  ];
}

function operationLines(method: string, path: string, op: Operation): string[] {
  const body = op.requestBody?.content?.["application/json"]?.schema;
  const rows = [
    ...(op.parameters ?? []).map((p) => ({
      name: p.name,
      where: p.in,
      required: p.required === true,
      schema: p.schema,
      description: p.description,
    })),
    ...Object.entries(body?.properties ?? {}).map(([name, schema]) => ({
      name,
      where: "body",
      required: body?.required?.includes(name) === true,
      schema,
    })),
  ];
  const answers = Object.keys(op.responses ?? {}).join(", ");
  return [
    `### \`${method.toUpperCase()} ${path}\``,
    "",
    `**${op.summary ?? ""}**. Auth: ${op.security?.length ? "Bearer key" : "none"}. Answers: ${answers}.`,
    "",
    ...(op.description ? [op.description.trim(), ""] : []),
    ...fieldRows(rows),
  ];
}

export function renderReference(doc: OpenApiDocument): string {
  const byTag = new Map<string, string[]>();
  for (const path of Object.keys(doc.paths).sort()) {
    for (const method of METHODS) {
      const op = doc.paths[path]?.[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? "platform";
      byTag.set(tag, [...(byTag.get(tag) ?? []), ...operationLines(method, path, op)]);
    }
  }
  const tags = [...byTag.keys()].sort();
  return [
    `# ${doc.info.title} reference (${doc.info.version})`,
    "",
    "Generated from the OpenAPI document the server serves at `/docs/json` (`npm run docs:api`);",
    "`api/test/http/api-reference.test.ts` fails when this file is out of date. Interactive: `/docs`.",
    "",
    ...(doc.info.description ? [doc.info.description, ""] : []),
    ...tags.map((t) => `- [${t}](#${t})`),
    "",
    ...tags.flatMap((t) => [`## ${t}`, "", ...(byTag.get(t) ?? [])]),
  ].join("\n");
}
