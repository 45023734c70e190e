/** The API started in-process on a fresh schema, for tests, benchmarks and the reference generator. */
export { servedOpenApi } from "./openapi-document.js";
export { startTestApi, type TestApi, type TestApiOptions } from "./test-api.js";
