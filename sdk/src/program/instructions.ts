/**
 * Typed, synchronous builders for the instructions an SDK user sends: each returns a web3.js
 * `TransactionInstruction` with every account, PDAs derived. The last argument picks the
 * program id (`buildContext(programId)`; the IDL's address by default).
 */
export * from "./instructions/agents.js";
export { buildInstruction, type Hash32, type InstructionName, MissingAccountError } from "./instructions/build.js";
export * from "./instructions/campaigns.js";
export { type BuildContext, buildContext } from "./instructions/context.js";
export * from "./instructions/jobs.js";
