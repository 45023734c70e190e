/**
 * The published build of @justpay/sdk: every entry as ESM (`.js`) and CommonJS (`.cjs`) with
 * its declarations (`.d.ts` / `.d.cts`), in `dist/`. `scripts/build.ts` runs it and then adds
 * what tsup does not make (see there).
 *
 * One build for all entries, so code two entries share is emitted once, in a shared chunk:
 * the MCP server and the CLI take the `JustPayClient` and throw the `JustPayApiError` of
 * `@justpay/sdk/client` itself, not copies (a copy would fail `instanceof` and, having private
 * members, would not even type-check against the client's declarations).
 *
 * Entry names are flat (`dist/client.js`, not `dist/client/index.js`) so every entry and every
 * shared chunk sits in `dist/` itself, where the program binary is copied and where
 * LocalChain's `__dirname` looks for it.
 * Entries whose source is absent are left out: the client, the schemas, the CLI and the MCP
 * server are written separately, and the build must work before and after each lands.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { defineConfig, type Options } from "tsup";

type EsbuildPlugin = NonNullable<Options["esbuildPlugins"]>[number];

const SDK = __dirname;

/** Output name → absolute source path, only for sources that exist. */
function entries(candidates: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(candidates)
      .map(([name, source]) => [name, join(SDK, source)] as const)
      .filter(([, source]) => existsSync(source)),
  );
}

/**
 * The format each esbuild run produces, as tsup states it: with splitting, tsup builds the
 * CommonJS output as ESM and converts it afterwards, so esbuild's own `format` says "esm" there.
 */
const formatOf = new WeakMap<object, string>();

const FILE_GLOBALS = /\b__(dirname|filename)\b/;
const ESM_FILE_GLOBALS =
  'import { fileURLToPath as __toPath } from "node:url"; import { dirname as __dirOf } from "node:path"; ' +
  "const __filename = __toPath(import.meta.url); const __dirname = __dirOf(__filename);\n";

/**
 * ESM has no `__dirname` / `__filename`: this defines them from `import.meta.url` in the modules
 * that use them, and only there. tsup's own shims are injected into every entry, so the REST
 * client would import `node:path` and `node:url` and no longer load in a browser.
 */
const esmFileGlobals: EsbuildPlugin = {
  name: "esm-file-globals",
  setup(build) {
    if (formatOf.get(build.initialOptions) !== "esm") return;
    build.onLoad({ filter: /[\\/]sdk[\\/]src[\\/].*\.ts$/ }, async ({ path }) => {
      const code = await readFile(path, "utf8");
      return FILE_GLOBALS.test(code) ? { loader: "ts", contents: ESM_FILE_GLOBALS + code } : undefined;
    });
  },
};

export const buildConfig: Options = {
  name: "sdk",
  entry: entries({
    index: "src/index.ts",
    client: "src/client/index.ts",
    schemas: "src/api-schemas/index.ts",
    cli: "src/cli/bin.ts",
    mcp: "src/mcp/index.ts",
  }),
  format: ["esm", "cjs"],
  outDir: join(SDK, "dist"),
  // ESM keeps `.js` (dist/package.json says "type": "module"); CommonJS is `.cjs`.
  // Declarations are renamed by scripts/build.ts: tsup's worker never sees this function.
  outExtension: ({ format }) => ({ js: format === "esm" ? ".js" : ".cjs" }),
  dts: { compilerOptions: { composite: false, incremental: false } },
  platform: "node",
  target: "node20",
  sourcemap: false,
  splitting: true,
  shims: false,
  esbuildPlugins: [esmFileGlobals],
  esbuildOptions: (options, { format }) => {
    formatOf.set(options, format);
  },
  // Keep `node:` specifiers: a Node-only import that reaches the REST client then fails the
  // browser bundle (tests/sdk/browser-bundle.test.ts) instead of slipping in as `path`.
  removeNodeProtocol: false,
  clean: false,
  tsconfig: join(SDK, "tsconfig.build.json"),
};

export default defineConfig(buildConfig);
