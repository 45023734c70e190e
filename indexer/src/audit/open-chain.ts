/** The chain the audit reads: the embedded LocalChain's directory, or a cluster over RPC. */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Chain } from "@justpay/sdk";
import { LocalChain, RpcChain } from "@justpay/sdk";
import type { PublicKey } from "@solana/web3.js";

export interface ChainChoice {
  dataDir: string;
  /** A JSON-RPC url, or "env" for SOLANA_RPC_URL / SOLANA_WS_URL / HELIUS_API_KEY. */
  rpc?: string;
  ws?: string;
  programId?: PublicKey;
}

export async function openAuditChain(choice: ChainChoice): Promise<Chain> {
  if (choice.rpc === "env") return RpcChain.fromEnv(process.env, { programId: choice.programId, wsUrl: choice.ws });
  if (choice.rpc) return RpcChain.connect({ rpcUrl: choice.rpc, wsUrl: choice.ws, programId: choice.programId });
  const dataDir = resolve(choice.dataDir);
  // Opening an empty directory would create a brand-new chain rather than audit one.
  if (!existsSync(join(dataDir, "snapshot.bin"))) throw new Error(`no LocalChain in ${dataDir}`);
  // The embedded chain holds a lock on its directory: stop the server (or audit over RPC) first.
  return LocalChain.open({ dataDir, programId: choice.programId });
}
