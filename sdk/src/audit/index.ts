export * from "./account-decoder.js";
export * from "./audit-vault.js";
export * from "./locked-amounts.js";
export * from "./program-accounts.js";
export * from "./vault-account.js";
export * from "./vault-invariant.js";
export * from "./verify-job.js";
