/**
 * `npm run build` (root: `npm run build:sdk`): the published build in `sdk/dist/`.
 *
 * 1. Empties `dist/` and runs tsup (tsup.config.ts).
 * 2. Writes `dist/package.json` with `"type": "module"`, so Node reads the ESM `.js` files as
 *    ESM while the sdk's own package.json stays CommonJS (the repo runs its sources with tsx,
 *    which relies on `__dirname` there).
 * 3. Copies the committed program binary to `dist/program/`, where LocalChain looks first.
 * 4. Gives the CLI a Node shebang and the executable bit.
 *
 * tsup names declarations after the sdk's package type (CommonJS): `.d.mts` for ESM and
 * `.d.ts` for CommonJS (it builds them in a worker, which never sees the config's
 * outExtension function). Step 2 makes `.js` ESM, so the declarations are renamed to match:
 * ESM `.d.ts`, CommonJS `.d.cts`, with the chunk references inside them.
 */
import { chmod, copyFile, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { build } from "tsup";
import { buildConfig } from "../tsup.config.js";

const SDK = resolve(__dirname, "..");
const DIST = join(SDK, "dist");
const PROGRAM_SOURCE = resolve(SDK, "../target/deploy/justpay_escrow.so");
export const PACKAGED_PROGRAM = join(DIST, "program", "justpay_escrow.so");

async function markCliExecutable(file: string): Promise<void> {
  const code = await readFile(file, "utf8").catch(() => undefined);
  if (code === undefined) return;
  const body = code.startsWith("#!") ? code.slice(code.indexOf("\n") + 1) : code;
  await writeFile(file, `#!/usr/bin/env node\n${body}`);
  await chmod(file, 0o755);
}

/** Renames `dist/*<from>` to `*<to>`, pointing relative imports ending in `fromRef` to `toRef`. */
async function renameDeclarations(from: string, to: string, fromRef: string, toRef: string): Promise<void> {
  const relativeImport = new RegExp(`((?:from|import)\\s*\\(?\\s*["']\\.{1,2}/[^"']+)\\${fromRef}(["'])`, "g");
  for (const file of (await readdir(DIST)).filter((f) => f.endsWith(from))) {
    const text = await readFile(join(DIST, file), "utf8");
    await rm(join(DIST, file));
    await writeFile(join(DIST, file.slice(0, -from.length) + to), text.replace(relativeImport, `$1${toRef}$2`));
  }
}

async function main(): Promise<void> {
  process.chdir(SDK);
  await rm(DIST, { recursive: true, force: true });
  await build({ ...buildConfig, config: false });
  await renameDeclarations(".d.ts", ".d.cts", ".js", ".cjs");
  await renameDeclarations(".d.mts", ".d.ts", ".mjs", ".js");
  await writeFile(join(DIST, "package.json"), `${JSON.stringify({ type: "module" }, null, 2)}\n`);
  await mkdir(join(DIST, "program"), { recursive: true });
  await copyFile(PROGRAM_SOURCE, PACKAGED_PROGRAM);
  await markCliExecutable(join(DIST, "cli.js"));
  await markCliExecutable(join(DIST, "cli.cjs"));
  console.log(`built ${DIST}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
