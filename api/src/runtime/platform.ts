/**
 * The platform's keys and accounts. The authorities (admin, operator, arbiter, treasury owner)
 * are created once into `<dataDir>/authorities.json` (0600); the config, vault and treasury
 * are opened on-chain on first start (`bootstrapPlatform`, idempotent).
 */
import { join } from "node:path";
import {
  type AuthorityRole,
  bootstrapPlatform,
  type Chain,
  LocalChain,
  loadOrCreateAuthorities,
  MissingAuthorityKeyError,
  type PlatformAddresses,
  readKeypairFile,
} from "@justpay/sdk";
import { type Keypair, PublicKey } from "@solana/web3.js";
import { type Config, ConfigError } from "../config/config.js";

export interface Platform extends PlatformAddresses {
  /** Pays every SOL cost (fees, rent), so agents hold only USDC. */
  feePayer: Keypair;
  admin: Keypair;
  /** Co-signs where off-chain policy decides (deposits, trust thresholds). */
  operator: Keypair;
  arbiter: Keypair;
  treasuryOwner: PublicKey;
  /** The config was initialized by this start. */
  created: boolean;
}

/** The authorities file (shared with `npm run deploy:program`); a file missing a role is a configuration error. */
async function loadAuthorities(path: string): Promise<Record<AuthorityRole, Keypair>> {
  try {
    return await loadOrCreateAuthorities(path);
  } catch (e) {
    if (e instanceof MissingAuthorityKeyError) throw new ConfigError(e.message);
    throw e;
  }
}

/**
 * The fee payer, USDC mint and the program's upgrade authority (which alone may initialize the
 * config): LocalChain brings its own; a cluster needs them configured. On a cluster the payer
 * keypair is taken to be the deploy key that holds the upgrade authority; it is only used the
 * first time, when the config does not exist yet.
 */
async function chainKeys(
  chain: Chain,
  config: Config,
): Promise<{ feePayer: Keypair; usdcMint: PublicKey; upgradeAuthority: Keypair }> {
  if (chain instanceof LocalChain)
    return { feePayer: chain.feePayer, usdcMint: chain.usdcMint, upgradeAuthority: chain.upgradeAuthority };
  if (!config.payerKeypairPath || !config.usdcMint)
    throw new ConfigError("on a cluster, set SOLANA_PAYER_KEYPAIR (a funded keypair file) and JUSTPAY_USDC_MINT");
  const feePayer = await readKeypairFile(config.payerKeypairPath);
  return { feePayer, usdcMint: new PublicKey(config.usdcMint), upgradeAuthority: feePayer };
}

export async function openPlatform(chain: Chain, config: Config): Promise<Platform> {
  const keys = await loadAuthorities(join(config.dataDir, "authorities.json"));
  const { feePayer, usdcMint, upgradeAuthority } = await chainKeys(chain, config);
  const opened = await bootstrapPlatform(chain, feePayer, usdcMint, {
    admin: keys.admin,
    operator: keys.operator.publicKey,
    arbiter: keys.arbiter.publicKey,
    treasuryOwner: keys.treasury.publicKey,
    upgradeAuthority,
  });
  return {
    ...opened,
    feePayer,
    admin: keys.admin,
    operator: keys.operator,
    arbiter: keys.arbiter,
    treasuryOwner: keys.treasury.publicKey,
  };
}
