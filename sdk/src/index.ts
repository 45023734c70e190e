/** @justpay/sdk: the program client and the chain adapters. */
export * from "./chain/index.js";
export * from "./program/index.js";
