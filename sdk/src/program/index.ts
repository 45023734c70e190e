export * from "./coder.js";
export * from "./error-from.js";
export * from "./errors.js";
export * from "./idl.js";
export * from "./loader.js";
export * from "./pdas.js";
