/**
 * RpcChain harnesses: against the local stand-in (default), or against a real cluster when
 * SOLANA_RPC_URL is set, paying with the keypair file in SOLANA_PAYER_KEYPAIR.
 */
import { readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { Keypair } from "@solana/web3.js";
import type { LocalChain } from "../../src/chain/local/index.js";
import { RpcChain, type RpcChainOptions } from "../../src/chain/rpc/index.js";
import type { ChainHarness } from "./contract.js";
import { openLocal, tempDir } from "./local-harness.js";
import { type RpcStandIn, startRpcStandIn } from "./rpc-standin.js";

export interface StandInHarness extends ChainHarness {
  chain: RpcChain;
  local: LocalChain;
  standin: RpcStandIn;
}

export async function standInHarness(
  options: Partial<RpcChainOptions> = {},
  standinOptions: { heliusPriorityFee?: number } = {},
): Promise<StandInHarness> {
  const dataDir = await tempDir();
  const local = await openLocal({ dataDir, durable: false });
  const standin = await startRpcStandIn(local, standinOptions);
  const chain = await RpcChain.connect({
    rpcUrl: standin.url,
    wsUrl: standin.wsUrl,
    programId: local.programId,
    // The stand-in executes on receipt; short intervals keep the tests fast.
    pollIntervalMs: 5,
    rebroadcastIntervalMs: 20,
    ...options,
  });
  return {
    chain,
    local,
    standin,
    payer: local.feePayer,
    warpTo: (t) => local.warpTo(t),
    skipSlots: (n) => local.skipSlots(n),
    subscribed: () => chain.subscriptionsReady(),
    close: async () => {
      await chain.close();
      await standin.close();
      await local.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const remoteRpcUrl = (): string | undefined => process.env.SOLANA_RPC_URL || undefined;

export async function remoteHarness(): Promise<ChainHarness> {
  const path = process.env.SOLANA_PAYER_KEYPAIR;
  if (!path) throw new Error("SOLANA_RPC_URL is set: SOLANA_PAYER_KEYPAIR must name a funded keypair file");
  const payer = Keypair.fromSecretKey(Uint8Array.from(JSON.parse(readFileSync(path, "utf8")) as number[]));
  const chain = await RpcChain.fromEnv(process.env);
  return {
    chain,
    payer,
    remote: true,
    subscribed: () => chain.subscriptionsReady(),
    close: () => chain.close(),
  };
}
