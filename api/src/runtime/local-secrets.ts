/**
 * Secrets the server makes for itself when they are not configured, kept in the data dir
 * (mode 0600) so they survive restarts:
 *
 * - the admin key (`admin-key`), when `JUSTPAY_ADMIN_KEY` is unset, in local mode only; on a
 *   cluster without one, admin routes refuse every request;
 * - the custody master key (`master.key`: 32 random bytes, base64 — the form
 *   `JUSTPAY_MASTER_KEY` takes), when `JUSTPAY_MASTER_KEY` is unset. Production never gets
 *   here: `loadConfig` refuses to start without the variable.
 */
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Config } from "../config/config.js";

export interface ResolvedSecrets {
  config: Config;
  /** Where a generated secret lives, for the start banner. */
  adminKeyFile?: string;
  masterKeyFile?: string;
}

/** The file's content, created with `make()` (0600, never overwritten) on first use. */
async function persistent(path: string, make: () => string): Promise<string> {
  try {
    return (await readFile(path, "utf8")).trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  const value = make();
  try {
    await writeFile(path, `${value}\n`, { mode: 0o600, flag: "wx" });
    return value;
  } catch (e) {
    // Another process created it first: use theirs.
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return (await readFile(path, "utf8")).trim();
    throw e;
  }
}

export async function resolveSecrets(config: Config): Promise<ResolvedSecrets> {
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  const out: ResolvedSecrets = { config: { ...config } };
  if (!config.adminKey && config.localMode) {
    out.adminKeyFile = join(config.dataDir, "admin-key");
    out.config.adminKey = await persistent(out.adminKeyFile, () => `jpadmin_${randomBytes(24).toString("base64url")}`);
  }
  if (!config.masterKey) {
    out.masterKeyFile = join(config.dataDir, "master.key");
    out.config.masterKey = await persistent(out.masterKeyFile, () => randomBytes(32).toString("base64"));
  }
  return out;
}
