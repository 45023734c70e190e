/** Test and benchmark support for code that drives the indexer: databases, a local platform, encoders, random operations. */
export { freshDatabase, type TestDatabase, uniqueSchema } from "./db.js";
export { agentFields, encodeAccount, programLogs } from "./encode.js";
export { LocalAgent, LocalPlatform } from "./local-platform.js";
export { availableOperations, randomOperation } from "./operations.js";
export { Rng } from "./random.js";
export { idlWithFutureAccount } from "./test-idl.js";
