export {
  type EnhancedTransaction,
  Helius,
  type HeliusNetwork,
  type HeliusOptions,
  type HeliusPriorityLevel,
  heliusFromEnv,
  heliusRpcUrl,
} from "./helius.js";
export {
  clampPrice,
  computeUnitLimitInstruction,
  computeUnitPriceInstruction,
  type PriorityFeeOptions,
  percentileOf,
  recentComputeUnitPrice,
} from "./priority-fees.js";
export { RpcChain, type RpcChainOptions } from "./rpc-chain.js";
