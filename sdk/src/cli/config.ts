/**
 * Where the CLI keeps its settings: `config.json` (the API URL and other plain settings) and,
 * apart from it, the API key in a file only its owner can read (mode 0600), so the settings
 * file can be shared or printed without leaking the key. Both live in
 * `$XDG_CONFIG_HOME/justpay` (default `~/.config/justpay`).
 */
import { chmod, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";

export const DEFAULT_API_URL = "http://127.0.0.1:3000";

export interface StoredConfig {
  apiUrl?: string;
}

export type Env = Record<string, string | undefined>;

export function configDir(env: Env): string {
  const base = env.XDG_CONFIG_HOME?.trim() ? env.XDG_CONFIG_HOME : join(homedir(), ".config");
  return join(base, "justpay");
}

export const configFile = (env: Env) => join(configDir(env), "config.json");
export const keyFile = (env: Env) => join(configDir(env), "api-key");

async function readIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
}

export async function readConfig(env: Env): Promise<StoredConfig> {
  const text = await readIfExists(configFile(env));
  if (text === null) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === "object" ? (parsed as StoredConfig) : {};
  } catch {
    throw new Error(`${configFile(env)} is not valid JSON; fix or delete it`);
  }
}

export async function updateConfig(env: Env, patch: StoredConfig): Promise<void> {
  const next = { ...(await readConfig(env)), ...patch };
  await mkdir(configDir(env), { recursive: true, mode: 0o700 });
  await writeFile(configFile(env), `${JSON.stringify(next, null, 2)}\n`);
}

export async function readStoredKey(env: Env): Promise<string | null> {
  const text = await readIfExists(keyFile(env));
  const key = text?.trim();
  return key ? key : null;
}

export async function storeKey(env: Env, apiKey: string): Promise<string> {
  const path = keyFile(env);
  await mkdir(configDir(env), { recursive: true, mode: 0o700 });
  await writeFile(path, `${apiKey}\n`, { mode: 0o600 });
  // writeFile's mode applies only when it creates the file; an older, laxer file is tightened too.
  await chmod(path, 0o600);
  return path;
}

export async function removeStoredKey(env: Env): Promise<boolean> {
  const existed = (await readIfExists(keyFile(env))) !== null;
  await rm(keyFile(env), { force: true });
  return existed;
}
