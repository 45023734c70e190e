/** LocalChain in a fresh temporary directory, as a contract harness. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalChain, type LocalChainOptions } from "../../src/chain/local/index.js";
import type { ChainHarness } from "./contract.js";

export async function tempDir(prefix = "justpay-chain-"): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export async function openLocal(options: Partial<LocalChainOptions> = {}): Promise<LocalChain> {
  return LocalChain.open({ dataDir: options.dataDir ?? (await tempDir()), clock: "manual", ...options });
}

export async function localHarness(): Promise<ChainHarness & { local: () => LocalChain }> {
  const dataDir = await tempDir();
  let chain = await openLocal({ dataDir });
  return {
    get chain() {
      return chain;
    },
    local: () => chain,
    payer: chain.feePayer,
    warpTo: (t) => chain.warpTo(t),
    skipSlots: (n) => chain.skipSlots(n),
    restart: async () => {
      await chain.close();
      chain = await openLocal({ dataDir });
      return chain;
    },
    close: async () => {
      await chain.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
