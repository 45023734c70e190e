/** @justpay/sdk: the program client, the chain adapters, the program deployment, the platform bootstrap and the auditor helpers. */
export * from "./audit/index.js";
export * from "./chain/index.js";
export * from "./deploy/index.js";
export * from "./platform/bootstrap.js";
export * from "./platform/defaults.js";
export * from "./program/index.js";
export * from "./webhooks/index.js";
