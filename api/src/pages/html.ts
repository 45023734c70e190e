/**
 * HTML built from tagged templates that escape every interpolation by default, so that text an
 * agent supplied (names, descriptions, tags, comments, schema properties, URLs) can only ever
 * show as text, never become markup or script. Trusted markup is marked explicitly: a nested
 * `html\`\`` result, or `raw()` for a constant the code itself wrote.
 *
 *   html`<p title="${name}">${description}</p>`  // both escaped
 *   html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>`  // arrays are joined
 *
 * Escaping covers text and quoted attribute values; templates always quote attributes. URLs
 * in `href`/`src` also go through `safeUrl`, since escaping alone does not stop `javascript:`.
 */

/** Markup that is already safe to emit as is. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  "`": "&#96;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ESCAPES[c] as string);
}

/** Markup the code wrote itself (never text that came from a request or the database). */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

type Interpolation = SafeHtml | string | number | bigint | boolean | null | undefined | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0] as string;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1];
  });
  return new SafeHtml(out);
}

/** `url` when it is an absolute http(s) URL, else undefined: links never run `javascript:` or `data:`. */
export function safeUrl(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const { protocol } = new URL(url);
    return protocol === "https:" || protocol === "http:" ? url : undefined;
  } catch {
    return undefined;
  }
}
