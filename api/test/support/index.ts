/** The API started in-process on a fresh schema, for tests, benchmarks and the reference generator. */

export { eventually } from "./eventually.js";
export { servedOpenApi } from "./openapi-document.js";
export { startTestApi, type TestApi, type TestApiOptions } from "./test-api.js";
export { assertVaultInvariant } from "./wallet.js";
