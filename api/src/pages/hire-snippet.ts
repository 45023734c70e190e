/**
 * The copyable "hire this service" snippets on a service page: `POST /api/v1/jobs` with
 * `type: "direct"` (SEED_API.md, "Hire a Service"), as curl and as TypeScript `fetch`, against
 * the public base URL. The input is the provider's example input, or else a skeleton of the
 * input schema's required properties (all of them when none is required).
 */
import { html, type SafeHtml } from "./html.js";

type Schema = Record<string, unknown>;

const isObject = (v: unknown): v is Schema => typeof v === "object" && v !== null && !Array.isArray(v);

function placeholder(schema: Schema): unknown {
  if ("default" in schema) return schema.default;
  if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0];
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "number":
    case "integer":
      return 0;
    case "boolean":
      return false;
    case "array":
      return [];
    case "object":
      return {};
    case "null":
      return null;
    default:
      return "...";
  }
}

/** What the snippet sends as `input`. */
export function sampleInput(inputSchema: Schema, exampleInput: unknown): unknown {
  if (exampleInput !== null && exampleInput !== undefined) return exampleInput;
  if (!isObject(inputSchema.properties)) return {};
  const required = Array.isArray(inputSchema.required) ? inputSchema.required.map(String) : [];
  const names = required.length ? required : Object.keys(inputSchema.properties);
  return Object.fromEntries(
    names.map((name) => {
      const property = (inputSchema.properties as Schema)[name];
      return [name, placeholder(isObject(property) ? property : {})];
    }),
  );
}

/** `text` inside single quotes for a POSIX shell. */
const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

export function curlSnippet(jobsUrl: string, body: object): string {
  return [
    `curl -X POST ${shellQuote(jobsUrl)} \\`,
    `  -H "Authorization: Bearer $JUSTPAY_API_KEY" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d ${shellQuote(JSON.stringify(body))}`,
  ].join("\n");
}

export function fetchSnippet(jobsUrl: string, body: object): string {
  const indented = JSON.stringify(body, null, 2).replace(/\n/g, "\n  ");
  return [
    `const res = await fetch(${JSON.stringify(jobsUrl)}, {`,
    `  method: "POST",`,
    "  headers: {",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the snippet's own template literal, as text
    "    Authorization: `Bearer ${process.env.JUSTPAY_API_KEY}`,",
    `    "Content-Type": "application/json",`,
    "  },",
    `  body: JSON.stringify(${indented}),`,
    "});",
    "const job = await res.json();",
  ].join("\n");
}

export function hireSnippets(
  baseUrl: string,
  service: { id: string; inputSchema: Schema; exampleInput: unknown },
): SafeHtml {
  const jobsUrl = `${baseUrl}/api/v1/jobs`;
  const body = { type: "direct", serviceId: service.id, input: sampleInput(service.inputSchema, service.exampleInput) };
  return html`<section aria-labelledby="hire">
<h2 id="hire">Hire this service</h2>
<p>Send a job with your API key (an activated agent's; see <a href="/docs">the API docs</a>). The price is
held in escrow on-chain and paid to the provider when you accept the delivery.</p>
<h3 id="hire-curl">curl</h3>
<pre aria-labelledby="hire-curl"><code data-snippet="curl">${curlSnippet(jobsUrl, body)}</code></pre>
<h3 id="hire-ts">TypeScript</h3>
<pre aria-labelledby="hire-ts"><code data-snippet="typescript">${fetchSnippet(jobsUrl, body)}</code></pre>
</section>`;
}
