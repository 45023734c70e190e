/**
 * litesvm, required the first time a LocalChain needs it rather than when the sdk is imported.
 * It is an optional peer dependency of the published package (a native addon that only
 * LocalChain uses), so the auditor helpers, RpcChain and the REST client load without it.
 *
 * `createRequire` keeps the load synchronous (the clock and the executor call it mid-operation)
 * and works from the sources, the CommonJS build and the ESM build alike (tsup shims
 * `__filename` there); litesvm is CommonJS, so every importer shares this one instance and
 * `instanceof` checks against its classes hold.
 */
import { createRequire } from "node:module";
import type * as LiteSvm from "litesvm";
import type * as LiteSvmInternals from "litesvm/dist/internal.js";

export type LiteSvmModule = typeof LiteSvm;
/** The napi classes behind litesvm's transaction errors, which its index does not re-export. */
export type LiteSvmInternalsModule = typeof LiteSvmInternals;

const requireHere = createRequire(__filename);
const loaded = new Map<string, unknown>();

function load<T>(specifier: string): T {
  if (loaded.has(specifier)) return loaded.get(specifier) as T;
  try {
    const module = requireHere(specifier) as T;
    loaded.set(specifier, module);
    return module;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND") throw e;
    throw new Error("LocalChain needs litesvm, an optional peer dependency of @justpay/sdk: npm install litesvm", {
      cause: e,
    });
  }
}

export const liteSvm = (): LiteSvmModule => load<LiteSvmModule>("litesvm");

export const liteSvmInternals = (): LiteSvmInternalsModule => load<LiteSvmInternalsModule>("litesvm/dist/internal.js");
