/**
 * The published build of @justpay/sdk: every entry as ESM (`.js`) and CommonJS (`.cjs`) with
 * its declarations (`.d.ts` / `.d.cts`), in `dist/`. `scripts/build.ts` runs these configs
 * one after the other and then adds what tsup does not make (see there).
 *
 * Two builds, because the two halves of the package run in different places:
 * - the REST half (`./client`, `./schemas`) runs in browsers too: platform neutral, no shims,
 *   so a `node:` import reaching it fails the browser bundle test instead of slipping in;
 * - the chain half (`.`, the CLI, the MCP server) is Node only: `__dirname` is shimmed in the
 *   ESM output because LocalChain finds the program binary next to its own file.
 *
 * Entry names are flat (`dist/client.js`, not `dist/client/index.js`) so every entry and every
 * shared chunk of a build sits in `dist/` itself, where the program binary is copied.
 * Entries whose source is absent are left out: the client, the schemas, the CLI and the MCP
 * server are written separately, and the build must work before and after each lands.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { defineConfig, type Options } from "tsup";

const SDK = __dirname;

/** Output name → source, only for sources that exist. */
function entries(candidates: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(candidates)
      .map(([name, source]) => [name, join(SDK, source)] as const)
      .filter(([, source]) => existsSync(source)),
  );
}

export const browserEntries = entries({
  client: "src/client/index.ts",
  schemas: "src/api-schemas/index.ts",
});

export const nodeEntries = entries({
  index: "src/index.ts",
  cli: "src/cli/bin.ts",
  mcp: "src/mcp/index.ts",
});

const common: Options = {
  format: ["esm", "cjs"],
  outDir: join(SDK, "dist"),
  // ESM keeps `.js` / `.d.ts` (dist/package.json says "type": "module"); CommonJS is `.cjs` / `.d.cts`.
  outExtension: ({ format }) => (format === "esm" ? { js: ".js", dts: ".d.ts" } : { js: ".cjs", dts: ".d.cts" }),
  dts: { compilerOptions: { composite: false, incremental: false } },
  target: "node20",
  sourcemap: false,
  splitting: true,
  // Keep `node:` specifiers: they make a Node-only import visible to browser bundlers.
  removeNodeProtocol: false,
  clean: false,
  tsconfig: join(SDK, "tsconfig.build.json"),
};

export const buildConfigs: Options[] = [
  ...(Object.keys(browserEntries).length > 0
    ? [{ ...common, name: "sdk-rest", entry: browserEntries, platform: "neutral" as const, shims: false }]
    : []),
  { ...common, name: "sdk-node", entry: nodeEntries, platform: "node" as const, shims: true },
];

export default defineConfig(buildConfigs);
