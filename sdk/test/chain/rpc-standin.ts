/**
 * The tests' name for a LocalChain served as an RPC node on a free loopback port
 * (sdk/src/chain/local/rpc): what RpcChain, the indexer and the auditor helpers are tested
 * through, with its fault injection (dropped sends and sockets).
 */
import {
  type ChainRpcOptions,
  type ChainRpcServer,
  type LocalChain,
  serveChainRpc,
} from "../../src/chain/local/index.js";

export type RpcStandIn = ChainRpcServer;

export function startRpcStandIn(chain: LocalChain, options: Omit<ChainRpcOptions, "host" | "port"> = {}) {
  return serveChainRpc(chain, options);
}
