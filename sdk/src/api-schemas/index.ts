/**
 * The REST API's wire shapes as zod schemas (zod 4): request bodies, query strings, params and
 * responses. The API validates and documents with these very objects, and the REST client
 * (`@justpay/sdk/client`) infers its types from them, so the two cannot drift apart. Nothing
 * here depends on the server: limits the API enforces are constants exported beside the
 * schemas that use them.
 */
export * from "./addresses.js";
export * from "./agents.js";
export * from "./api-keys.js";
export * from "./campaigns.js";
export * from "./common.js";
export * from "./disputes.js";
export * from "./enums.js";
export * from "./http.js";
export * from "./jobs.js";
export * from "./json-size.js";
export * from "./platform.js";
export * from "./profile-fields.js";
export * from "./proposals.js";
export * from "./ratings.js";
export * from "./reports.js";
export * from "./services.js";
export * from "./trust.js";
export * from "./wallet.js";
export * from "./webhooks.js";
