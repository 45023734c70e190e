/**
 * Local mode serves its LocalChain as a Solana RPC node (sdk's `serveChainRpc`) beside the API,
 * so that a developer or an auditor checks the escrow with their own tools (web3.js,
 * `justpay audit --rpc …`) exactly as they would on a cluster, without trusting the API. Only
 * the `all` role has the chain in its process. A busy port (another local validator, a second
 * stack) is not worth refusing to start over: the node moves to a free port and says so.
 */
import { type ChainRpcServer, type LocalChain, serveChainRpc } from "@justpay/sdk";
import type { Config } from "../config/config.js";
import type { Logger } from "./logger.js";

export async function serveLocalChainRpc(chain: LocalChain, config: Config, log: Logger): Promise<ChainRpcServer> {
  const port = config.chainRpcPort ?? 0;
  try {
    return await serveChainRpc(chain, { host: config.host, port });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EADDRINUSE" || port === 0) throw e;
    const server = await serveChainRpc(chain, { host: config.host, port: 0 });
    log.warn({ port, url: server.url }, "chain RPC port busy; serving the local chain on a free port instead");
    return server;
  }
}
