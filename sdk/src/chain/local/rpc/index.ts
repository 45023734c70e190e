export { type ChainRpcOptions, type ChainRpcServer, serveChainRpc } from "./server.js";
