/**
 * The master key that seals custodial wallets, for the stack: `JUSTPAY_MASTER_KEY` when set
 * (as the config carries it), refused when missing in production, otherwise the local key in
 * the data dir, generated on first start (api/src/custody/master-key.ts).
 */
import type { Config } from "../config/config.js";
import { loadMasterKey, MASTER_KEY_ENV } from "../custody/master-key.js";

export async function loadWalletMasterKey(config: Config): Promise<Buffer> {
  const loaded = await loadMasterKey({
    env: { [MASTER_KEY_ENV]: config.masterKey },
    dataDir: config.dataDir,
    production: config.nodeEnv === "production",
  });
  return loaded.key;
}
