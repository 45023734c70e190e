/** A throwaway program source tree, for feeding the generator source it must accept or refuse. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export function sourceTree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "idl-src-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}
