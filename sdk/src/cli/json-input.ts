/**
 * JSON arguments (a job's input, a delivery's output, a service's schemas): inline JSON text,
 * `@path` for a file, or `-` for stdin, so a large document need not fit in a shell word.
 */
import { readFile } from "node:fs/promises";
import { UsageError } from "./errors.js";

async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString("utf8");
}

export async function readJsonArgument(
  value: string,
  what: string,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<unknown> {
  let text = value;
  if (value === "-") text = await readStdin(stdin);
  else if (value.startsWith("@")) {
    try {
      text = await readFile(value.slice(1), "utf8");
    } catch (e) {
      throw new UsageError(`${what}: cannot read ${value.slice(1)} (${(e as NodeJS.ErrnoException).code ?? e})`);
    }
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${what} is not valid JSON (${(e as Error).message}); pass JSON text, @file.json or -`);
  }
}

/** "a, b,c" → ["a","b","c"]; undefined stays undefined. */
export function listArgument(value: string | undefined): string[] | undefined {
  return value
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A whole number option, e.g. --page; usage error otherwise. */
export function intArgument(value: string, what: string): number {
  if (!/^\d+$/.test(value.trim()))
    throw new UsageError(`${what} must be a whole number (got ${JSON.stringify(value)})`);
  return Number(value);
}
