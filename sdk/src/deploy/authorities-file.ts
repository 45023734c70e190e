/**
 * The platform's authorities (admin, operator, arbiter, treasury owner) as the API keeps them in
 * `<JUSTPAY_DATA_DIR>/authorities.json`: secret keys as JSON byte arrays, created once with mode
 * 0600. The deploy script initializes the config with the same file the API will start with,
 * since the API refuses a config that names other authorities.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { Keypair } from "@solana/web3.js";

export const AUTHORITY_ROLES = ["admin", "operator", "arbiter", "treasury"] as const;
export type AuthorityRole = (typeof AUTHORITY_ROLES)[number];

/** The authorities file lacks one of the roles: a hand-edited or foreign file. */
export class MissingAuthorityKeyError extends Error {
  override name = "MissingAuthorityKeyError";
}

export async function loadOrCreateAuthorities(path: string): Promise<Record<AuthorityRole, Keypair>> {
  let secrets: Record<string, number[]>;
  try {
    secrets = JSON.parse(await readFile(path, "utf8"));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    secrets = Object.fromEntries(AUTHORITY_ROLES.map((r) => [r, [...Keypair.generate().secretKey]]));
    await mkdir(dirname(path), { recursive: true });
    // "wx": two starts racing must not each write their own keys.
    await writeFile(path, JSON.stringify(secrets), { mode: 0o600, flag: "wx" });
  }
  const key = (role: AuthorityRole) => {
    const secret = secrets[role];
    if (!secret) throw new MissingAuthorityKeyError(`${path} has no "${role}" key`);
    return Keypair.fromSecretKey(Uint8Array.from(secret));
  };
  return { admin: key("admin"), operator: key("operator"), arbiter: key("arbiter"), treasury: key("treasury") };
}

/** A keypair file as `solana-keygen` writes it: the 64 secret-key bytes as a JSON array. */
export async function readKeypairFile(path: string): Promise<Keypair> {
  const bytes = JSON.parse(await readFile(path, "utf8")) as number[];
  return Keypair.fromSecretKey(Uint8Array.from(bytes));
}

/**
 * The keypair at `path`, or a fresh one written there (0600) when the file does not exist, so
 * a re-run after a failure deploys to the same address.
 */
export async function loadOrCreateKeypairFile(path: string): Promise<{ keypair: Keypair; created: boolean }> {
  try {
    return { keypair: await readKeypairFile(path), created: false };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  const keypair = Keypair.generate();
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify([...keypair.secretKey]), { mode: 0o600, flag: "wx" });
  return { keypair, created: true };
}
