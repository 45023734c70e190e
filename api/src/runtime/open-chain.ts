/**
 * The chain: LocalChain in `<dataDir>/chain` in local mode, otherwise the configured cluster;
 * either addresses `config.programId` (JUSTPAY_PROGRAM_ID), and everything built on the chain
 * (the platform bootstrap, the instructions, the indexer) takes the program id from it.
 */
import { join } from "node:path";
import type { Chain } from "@justpay/sdk";
import { LocalChain, RpcChain } from "@justpay/sdk";
import type { Config } from "../config/config.js";
import type { Logger } from "./logger.js";

export interface ChainOptions {
  /** fsync each transaction before acknowledging it (default true; tests turn it off). */
  durable?: boolean;
}

export async function openChain(config: Config, log: Logger, options: ChainOptions = {}): Promise<Chain> {
  if (!config.localMode) {
    return RpcChain.fromEnv(
      { ...process.env, SOLANA_RPC_URL: config.solanaRpcUrl, HELIUS_API_KEY: config.heliusApiKey },
      { programId: config.programId },
    );
  }
  const chainLog = log.child({ component: "chain" });
  return LocalChain.open({
    dataDir: join(config.dataDir, "chain"),
    programId: config.programId,
    durable: options.durable ?? true,
    onError: (err) => chainLog.error({ err }, "local chain listener or snapshot failed"),
  });
}
