/**
 * Usage: tsx tools/sbf/src/relink/cli.ts in.o out.so
 * Prints the relink report to stderr. Exit status: 0 ok, 1 relink/I-O error, 2 usage.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { formatReport, RelinkError, relink } from "./index.js";

export interface CliIo {
  readonly stderr: (line: string) => void;
}

const defaultIo: CliIo = { stderr: (line) => process.stderr.write(`${line}\n`) };

export function runCli(args: readonly string[], io: CliIo = defaultIo): number {
  const [input, output, ...extra] = args;
  if (!input || !output || extra.length > 0) {
    io.stderr("usage: relink <input.o> <output.so>");
    return 2;
  }
  try {
    const { so, report } = relink(readFileSync(input));
    writeFileSync(output, so);
    io.stderr(`relink: ${output}: ${formatReport(report)}`);
    return 0;
  } catch (error) {
    if (error instanceof RelinkError) {
      io.stderr(`relink: ${input}: error [${error.code}]: ${error.message}`);
      return 1;
    }
    if (error instanceof Error && "code" in error && typeof error.code === "string" && "path" in error) {
      io.stderr(`relink: ${error.message}`); // fs errors (ENOENT, EACCES, ...)
      return 1;
    }
    throw error;
  }
}

if (require.main === module) {
  process.exitCode = runCli(process.argv.slice(2));
}
