/**
 * Where the master key that seals custodial keys comes from.
 *
 * - `JUSTPAY_MASTER_KEY`, 32 bytes as hex or base64, always wins.
 * - In production there is no fallback: the server refuses to start without it, since a key
 *   generated on one replica's disk would make every other replica's wallets unreadable.
 * - In local mode a key is generated once into `<dataDir>/master.key` (mode 0600) and reused,
 *   so the embedded stack keeps its wallets across restarts.
 */
import { randomBytes } from "node:crypto";
import { chmod, link, mkdir, readFile, stat, unlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { MASTER_KEY_BYTES } from "./sealed-secret-key.js";

export const MASTER_KEY_ENV = "JUSTPAY_MASTER_KEY";
export const MASTER_KEY_FILE = "master.key";

export interface MasterKeyOptions {
  env: Readonly<Record<string, string | undefined>>;
  dataDir: string;
  production: boolean;
}

export interface MasterKey {
  key: Buffer;
  /** Where it came from, for the start-up report. */
  origin: "env" | "file" | "generated";
  /** The key file, when the key lives in the data dir. */
  path?: string;
}

export class MasterKeyError extends Error {
  override name = "MasterKeyError";
}

const HEX_KEY = /^[0-9a-fA-F]{64}$/;
const BASE64_KEY = /^[A-Za-z0-9+/]{43}=?$|^[A-Za-z0-9_-]{43}$/;

/** Decodes a 32-byte key written as hex or base64 (standard or url-safe); the message never echoes it. */
export function decodeMasterKey(text: string, where: string): Buffer {
  const s = text.trim();
  if (HEX_KEY.test(s)) return Buffer.from(s, "hex");
  if (BASE64_KEY.test(s)) return Buffer.from(s, s.includes("-") || s.includes("_") ? "base64url" : "base64");
  throw new MasterKeyError(
    `${where} must be ${MASTER_KEY_BYTES} bytes written as 64 hex characters or 44 base64 characters ` +
      `(got ${s.length} characters); generate one with \`openssl rand -hex 32\``,
  );
}

export async function loadMasterKey(o: MasterKeyOptions): Promise<MasterKey> {
  const fromEnv = o.env[MASTER_KEY_ENV]?.trim();
  if (fromEnv) return { key: decodeMasterKey(fromEnv, MASTER_KEY_ENV), origin: "env" };
  if (o.production)
    throw new MasterKeyError(
      `${MASTER_KEY_ENV} is required in production: it encrypts every custodial wallet and must be ` +
        "the same on every replica (generate one with `openssl rand -hex 32` and keep it in your secret store)",
    );
  const path = join(o.dataDir, MASTER_KEY_FILE);
  const existing = await readKeyFile(path);
  if (existing) return { key: existing, origin: "file", path };
  const created = await createKeyFile(path);
  return { key: created.key, origin: created.won ? "generated" : "file", path };
}

async function readKeyFile(path: string): Promise<Buffer | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
  const mode = (await stat(path)).mode & 0o777;
  if (mode & 0o077)
    throw new MasterKeyError(
      `${path} is readable by other users (mode ${mode.toString(8)}); run \`chmod 600 ${path}\``,
    );
  return decodeMasterKey(text, path);
}

/**
 * Writes a fresh key beside the target and hard-links it into place: the link either appears
 * whole or fails because another process got there first, in which case its key is used.
 */
async function createKeyFile(path: string): Promise<{ key: Buffer; won: boolean }> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const key = randomBytes(MASTER_KEY_BYTES);
  const scratch = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  await writeFile(scratch, `${key.toString("hex")}\n`, { mode: 0o600, flag: "wx" });
  await chmod(scratch, 0o600); // whatever the umask
  try {
    await link(scratch, path);
    return { key, won: true };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    const theirs = await readKeyFile(path);
    if (!theirs) throw e;
    return { key: theirs, won: false };
  } finally {
    await unlink(scratch);
  }
}
