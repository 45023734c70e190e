export * from "./authorities-file.js";
export { maxChunkSize, planChunks } from "./chunks.js";
export { DEVNET_USDC_MINT, runDeployCli } from "./cli.js";
export { estimateDeployLamports } from "./cli-output.js";
export * from "./deploy-platform.js";
export * from "./deploy-program.js";
export { BUFFER_METADATA_LEN, decodeBufferAccount, writeInstruction } from "./loader-instructions.js";
export { DeployStepError } from "./send.js";
