/**
 * The workspaces are real packages: code reaches another package only through its name and
 * its `exports` map, never by a relative path into its folder, and every package a
 * workspace's source imports is declared in that workspace's package.json.
 */
import { strict as assert } from "node:assert";
import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve, sep } from "node:path";

const ROOT = resolve(__dirname, "../..");
const WORKSPACES: string[] = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).workspaces;
const IMPORT =
  /(?:^\s*import\s[^;]*?\sfrom\s*|^\s*export\s[^;]*?\sfrom\s*|\bimport\(\s*|^import\s*)["']([^"'\n]+)["']/gm;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name === "node_modules" || e.name === "dist" || e.name.startsWith(".")) return [];
    const path = join(dir, e.name);
    return e.isDirectory() ? sourceFiles(path) : /\.(ts|mts|cts)$/.test(e.name) ? [path] : [];
  });
}

function workspaceOf(file: string): string | undefined {
  const top = relative(ROOT, file).split(sep)[0];
  return top && WORKSPACES.includes(top) ? top : undefined;
}

function importsOf(file: string): string[] {
  return [...readFileSync(file, "utf8").matchAll(IMPORT)].map((m) => m[1] as string);
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return (specifier.startsWith("@") ? parts.slice(0, 2) : parts.slice(0, 1)).join("/");
}

describe("package boundaries", () => {
  const scanned = [...WORKSPACES, "bench", "scripts"].flatMap((dir) => sourceFiles(join(ROOT, dir)));

  it("no relative import crosses into another workspace", () => {
    assert.ok(scanned.length > 300, `scanned only ${scanned.length} files`);
    const crossings = scanned.flatMap((file) =>
      importsOf(file)
        .filter((s) => s.startsWith("."))
        .map((s) => ({ file, target: resolve(dirname(file), s) }))
        .filter(({ file, target }) => {
          const into = workspaceOf(target);
          return into !== undefined && into !== workspaceOf(file);
        })
        .map(({ file, target }) => `${relative(ROOT, file)} → ${relative(ROOT, target)}`),
    );
    assert.deepEqual(crossings, []);
  });

  for (const workspace of WORKSPACES) {
    it(`${workspace}: every package its source imports is declared`, () => {
      const manifest = JSON.parse(readFileSync(join(ROOT, workspace, "package.json"), "utf8"));
      assert.ok(manifest.exports, `${workspace}/package.json has no exports map`);
      const declared = new Set([
        manifest.name,
        ...Object.keys(manifest.dependencies ?? {}),
        // An optional peer (litesvm in the sdk) is declared there, for the published package.
        ...Object.keys(manifest.peerDependencies ?? {}),
      ]);
      const src = join(ROOT, workspace, "src");
      const files = sourceFiles(join(ROOT, workspace)).filter((f) => f.startsWith(src + sep));
      const missing = new Set<string>();
      for (const file of files)
        for (const s of importsOf(file)) {
          if (s.startsWith(".") || s.startsWith("node:") || builtinModules.includes(s)) continue;
          const name = packageName(s);
          if (!declared.has(name) && !name.startsWith("@types/")) missing.add(`${name} (${relative(ROOT, file)})`);
        }
      assert.deepEqual([...missing], []);
    });
  }
});
