/**
 * What a command prints. With `--json` a command prints exactly one JSON document on stdout
 * (bigints as decimal strings, the way the wire sends them), so scripts can pipe it into jq;
 * otherwise it prints lines and tables for people. Progress and failures go to stderr.
 */
import { type Column, renderTable } from "./table.js";

export interface Streams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v), 2);
}

export class Output {
  constructor(
    readonly json: boolean,
    private readonly streams: Streams,
  ) {}

  /** The command's result: `data` as JSON with --json, else the human rendering. */
  result(data: unknown, human: () => string): void {
    this.streams.stdout.write(`${this.json ? toJson(data) : human()}\n`);
  }

  /** A list result: a table for people (or `empty` when there are no rows), the whole answer as JSON. */
  list<T>(data: unknown, rows: readonly T[], columns: readonly Column<T>[], empty: string, footer?: string): void {
    this.result(data, () =>
      rows.length === 0 ? empty : [renderTable(rows, columns), ...(footer ? [footer] : [])].join("\n"),
    );
  }

  /** A note for people, kept off stdout so --json output stays one document. */
  note(text: string): void {
    if (!this.json) this.streams.stderr.write(`${text}\n`);
  }

  error(text: string): void {
    this.streams.stderr.write(`${text}\n`);
  }
}

/** "key: value" lines, aligned; undefined values are left out. */
export function fields(entries: [string, unknown][]): string {
  const shown = entries.filter(([, v]) => v !== undefined);
  const width = Math.max(0, ...shown.map(([k]) => k.length));
  return shown
    .map(([k, v]) => `${`${k}:`.padEnd(width + 1)} ${v === null ? "-" : typeof v === "object" ? toJson(v) : String(v)}`)
    .join("\n");
}

/** "page 1 of 3 (42 in all)" from the seed's pagination object. */
export function pageFooter(p: { page: number; limit: number; total: number } | undefined): string | undefined {
  if (!p) return undefined;
  const pages = Math.max(1, Math.ceil(p.total / p.limit));
  return `page ${p.page} of ${pages} (${p.total} in all)`;
}
