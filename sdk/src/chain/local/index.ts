export { BLOCKHASH_VALIDITY_BLOCKS } from "./blockhash-window.js";
export type { ClockMode } from "./clock.js";
export type { Simulation } from "./executor.js";
export { USDC_DECIMALS } from "./faucet.js";
export { DEFAULT_PROGRAM_PATH, LocalChain, type LocalChainOptions, type OpenReport } from "./local-chain.js";
export type { AccountWrite, CommittedTransaction, TransactionEntry } from "./log-entry.js";
export type { TransactionListener } from "./notifier.js";
export { type ChainRpcOptions, type ChainRpcServer, serveChainRpc } from "./rpc/index.js";
export type { AccountImage } from "./svm-accounts.js";
