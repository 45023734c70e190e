/**
 * A service's input or output JSON Schema, readable by a person deciding whether to hire it: a
 * table of its properties (name, type, required, description), nested objects flattened as
 * `parent.child`, followed by the schema itself pretty-printed. Property names and descriptions
 * are the provider's text and are escaped like any other.
 */
import { html, type SafeHtml } from "./html.js";

/** Deep enough for realistic payloads, shallow enough that a hostile schema stays a short table. */
const MAX_DEPTH = 3;
const MAX_ROWS = 100;

interface PropertyRow {
  name: string;
  type: string;
  required: boolean;
  description: string;
}

type Schema = Record<string, unknown>;

const isObject = (v: unknown): v is Schema => typeof v === "object" && v !== null && !Array.isArray(v);

/** The schema's type in words: `string`, `integer | null`, `array of string`, `enum: "a", "b"`. */
export function typeOf(schema: Schema): string {
  if (Array.isArray(schema.enum)) return `enum: ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}`;
  if ("const" in schema) return `const: ${JSON.stringify(schema.const)}`;
  if (typeof schema.$ref === "string") return `see ${schema.$ref}`;
  const types = Array.isArray(schema.type) ? schema.type.map(String) : schema.type ? [String(schema.type)] : [];
  if (types.includes("array") && isObject(schema.items)) {
    const of = `array of ${typeOf(schema.items)}`;
    return [of, ...types.filter((t) => t !== "array")].join(" | ");
  }
  for (const key of ["oneOf", "anyOf"] as const) {
    const options = schema[key];
    if (types.length === 0 && Array.isArray(options)) return options.filter(isObject).map(typeOf).join(" | ");
  }
  return types.length ? types.join(" | ") : "any";
}

function collect(schema: Schema, prefix: string, depth: number, rows: PropertyRow[]): void {
  if (!isObject(schema.properties)) return;
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  for (const [name, value] of Object.entries(schema.properties)) {
    if (rows.length >= MAX_ROWS) return;
    const property = isObject(value) ? value : {};
    const path = prefix ? `${prefix}.${name}` : name;
    rows.push({
      name: path,
      type: typeOf(property),
      required: required.has(name),
      description: typeof property.description === "string" ? property.description : "",
    });
    if (depth < MAX_DEPTH) collect(property, path, depth + 1, rows);
  }
}

export function propertyRows(schema: Schema): PropertyRow[] {
  const rows: PropertyRow[] = [];
  collect(schema, "", 1, rows);
  return rows;
}

/** The schema under an `<h3>` titled `title`, as a table and as JSON. */
export function schemaSection(title: string, id: string, schema: Schema): SafeHtml {
  const rows = propertyRows(schema);
  const table = rows.length
    ? html`<table aria-labelledby="${id}">
<thead><tr><th scope="col">Property</th><th scope="col">Type</th><th scope="col">Required</th><th scope="col">Description</th></tr></thead>
<tbody>${rows.map(
        (r) =>
          html`<tr><th scope="row"><code>${r.name}</code></th><td><code>${r.type}</code></td><td>${r.required ? "yes" : "no"}</td><td>${r.description}</td></tr>`,
      )}</tbody>
</table>`
    : html`<p>Type: <code>${typeOf(schema)}</code>, with no named properties.</p>`;
  return html`<section aria-labelledby="${id}">
<h3 id="${id}">${title}</h3>
${typeof schema.description === "string" ? html`<p>${schema.description}</p>` : ""}
${table}
<p class="meta">As JSON Schema:</p>
<pre><code>${JSON.stringify(schema, null, 2)}</code></pre>
</section>`;
}
