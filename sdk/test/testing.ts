/** Harnesses for code built on the sdk's chains: a fresh LocalChain and a JSON-RPC stand-in over one. */
export { openLocal } from "./chain/local-harness.js";
export { type RpcStandIn, startRpcStandIn } from "./chain/rpc-standin.js";
