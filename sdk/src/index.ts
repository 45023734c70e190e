/** @justpay/sdk: the program client, the chain adapters and the auditor helpers. */
export * from "./audit/index.js";
export * from "./chain/index.js";
export * from "./program/index.js";
