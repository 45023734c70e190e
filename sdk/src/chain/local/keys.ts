/**
 * The local chain's own keypairs, created on first start and kept in the data directory so
 * the USDC mint and the platform fee payer keep their addresses across restarts.
 */
import { open, readFile, rename } from "node:fs/promises";
import { Keypair } from "@solana/web3.js";

export interface LocalKeys {
  /** Mint authority of the test USDC, and the source of airdropped SOL. */
  faucet: Keypair;
  /** The platform's fee payer: pays SOL fees and rent so agents only need USDC. */
  feePayer: Keypair;
  usdcMint: Keypair;
}

type KeysJson = Record<keyof LocalKeys, number[]>;

export async function loadOrCreateKeys(path: string): Promise<LocalKeys> {
  try {
    const json = JSON.parse(await readFile(path, "utf8")) as KeysJson;
    const load = (k: number[]) => Keypair.fromSecretKey(Uint8Array.from(k));
    return { faucet: load(json.faucet), feePayer: load(json.feePayer), usdcMint: load(json.usdcMint) };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  const keys: LocalKeys = { faucet: Keypair.generate(), feePayer: Keypair.generate(), usdcMint: Keypair.generate() };
  const json: KeysJson = {
    faucet: [...keys.faucet.secretKey],
    feePayer: [...keys.feePayer.secretKey],
    usdcMint: [...keys.usdcMint.secretKey],
  };
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
  return keys;
}
