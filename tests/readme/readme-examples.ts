/**
 * The README's runnable examples: every fenced block right after a `<!-- tested: <name> -->`
 * line. The README's sections for agents, developers and auditors promise that what they show
 * works; readme-examples.test.ts holds them to it by running each block against a real stack.
 */
import { readFileSync } from "node:fs";

export interface Example {
  name: string;
  /** The fence's language: bash, ts or json. */
  lang: string;
  code: string;
  /** 1-based line of the marker, for failure messages. */
  line: number;
}

const MARKER = /^<!-- tested: ([a-z0-9-]+) -->$/;

export function readmeExamples(path: string): Example[] {
  const lines = readFileSync(path, "utf8").split("\n");
  const examples: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    const marker = MARKER.exec(lines[i]!.trim());
    if (!marker) continue;
    const fence = /^```(\w+)$/.exec(lines[i + 1]?.trim() ?? "");
    if (!fence) throw new Error(`README.md:${i + 1}: a tested marker must be followed by a fenced block`);
    const end = lines.findIndex((l, j) => j > i + 1 && l.trim() === "```");
    if (end < 0) throw new Error(`README.md:${i + 2}: unclosed fence`);
    examples.push({ name: marker[1]!, lang: fence[1]!, code: lines.slice(i + 2, end).join("\n"), line: i + 1 });
    i = end;
  }
  return examples;
}
