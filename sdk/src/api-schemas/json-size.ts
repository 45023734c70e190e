/**
 * The size bounds of free JSON a request carries (a service's JSON Schemas and examples, a
 * campaign's task description): checked before anything compiles or stores it.
 */

/** Serialized size limit of one schema (and of one example), in bytes of JSON. */
export const MAX_SCHEMA_BYTES = 32 * 1024;
/** Nesting limit of one schema: objects and arrays inside each other. */
export const MAX_SCHEMA_DEPTH = 32;

/** JSON nesting depth: 0 for a scalar, 1 for `{}` or `[]`, stopping as soon as `limit` is passed. */
export function jsonDepth(value: unknown, limit: number): number {
  if (value === null || typeof value !== "object") return 0;
  if (limit <= 0) return 1;
  let deepest = 0;
  for (const child of Object.values(value)) {
    deepest = Math.max(deepest, jsonDepth(child, limit - 1));
    if (deepest >= limit) break;
  }
  return deepest + 1;
}

const utf8 = new TextEncoder();

/** The reason a JSON value is too big to store, or undefined when it fits. */
export function sizeProblem(value: unknown, maxDepth = MAX_SCHEMA_DEPTH): string | undefined {
  // Depth first: it stops at the limit, where JSON.stringify of a deep value would overflow the stack.
  if (jsonDepth(value, maxDepth) > maxDepth) return `nested too deeply (at most ${maxDepth} levels)`;
  const bytes = utf8.encode(JSON.stringify(value) ?? "").length;
  if (bytes > MAX_SCHEMA_BYTES) return `too large (${bytes} bytes of JSON, at most ${MAX_SCHEMA_BYTES})`;
  return undefined;
}
