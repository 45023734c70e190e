/**
 * The local chain's own keypairs, created on first start and kept in the data directory so
 * the USDC mint, the platform fee payer and the program's upgrade authority stay the same
 * across restarts.
 */
import { open, readFile, rename } from "node:fs/promises";
import { Keypair } from "@solana/web3.js";

export interface LocalKeys {
  /** Mint authority of the test USDC, and the source of airdropped SOL. */
  faucet: Keypair;
  /** The platform's fee payer: pays SOL fees and rent so agents only need USDC. */
  feePayer: Keypair;
  usdcMint: Keypair;
  /** The escrow program's upgrade authority: the deployer, who alone may initialize its config. */
  upgradeAuthority: Keypair;
}

type KeysJson = Record<keyof LocalKeys, number[]>;

const NAMES = ["faucet", "feePayer", "usdcMint", "upgradeAuthority"] as const satisfies (keyof LocalKeys)[];

/** Loads the keys, creating whichever the file lacks (all of them on first start). */
export async function loadOrCreateKeys(path: string): Promise<LocalKeys> {
  let json: Partial<KeysJson> = {};
  try {
    json = JSON.parse(await readFile(path, "utf8")) as Partial<KeysJson>;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  // A directory from before the program was deployed upgradeable has no upgrade authority yet.
  const missing = NAMES.filter((name) => !json[name]);
  const keys = Object.fromEntries(
    NAMES.map((name) => {
      const secret = json[name];
      return [name, secret ? Keypair.fromSecretKey(Uint8Array.from(secret)) : Keypair.generate()];
    }),
  ) as unknown as LocalKeys;
  if (missing.length > 0) await saveKeys(path, keys);
  return keys;
}

async function saveKeys(path: string, keys: LocalKeys): Promise<void> {
  const json = Object.fromEntries(NAMES.map((name) => [name, [...keys[name].secretKey]])) as KeysJson;
  // Secrets: owner-only, and written whole or not at all.
  const tmp = `${path}.tmp`;
  const h = await open(tmp, "w", 0o600);
  try {
    await h.writeFile(JSON.stringify(json));
    await h.sync();
  } finally {
    await h.close();
  }
  await rename(tmp, path);
}
