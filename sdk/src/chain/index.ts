/** The chain port and its two adapters. */

export { encodeBase58 } from "./base58.js";
export { computeBudget, LAMPORTS_PER_SIGNATURE, transactionFee } from "./compute-budget.js";
export { BlockhashExpiredError, ChainClosedError, ChainError, TransactionRejectedError } from "./errors.js";
export * from "./local/index.js";
export type * from "./port.js";
export * from "./rpc/index.js";
export { customErrorCode, formatTransactionError, type RpcTransactionError } from "./tx-error.js";
export { serializeTransaction, transactionSignature } from "./wire.js";
