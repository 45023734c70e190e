/**
 * Human-readable validation messages. Zod 4's defaults ("Too small: expected string to have
 * >=2 characters") read like a type checker; agents coded against the seed API expect the
 * plainer "String must contain at least 2 character(s)". Installed as zod's global
 * `customError`, so a message written on a schema (`.regex(re, "…")`) still wins.
 */
import { z } from "zod";
import type { $ZodRawIssue } from "zod/v4/core";

function received(input: unknown): string {
  if (input === null) return "null";
  if (Array.isArray(input)) return "array";
  if (typeof input === "number" && Number.isNaN(input)) return "NaN";
  return typeof input;
}

const FORMAT_NAMES: Record<string, string> = { url: "url", email: "email", regex: "format", uuid: "uuid" };

function sizeMessage(origin: string, bound: number | bigint, atLeast: boolean, inclusive: boolean, exact: boolean) {
  const word = exact ? "exactly" : atLeast ? "at least" : "at most";
  switch (origin) {
    case "string":
      return `String must contain ${word} ${bound} character(s)`;
    case "array":
    case "set":
      return `Array must contain ${word} ${bound} element(s)`;
    default: {
      const relation = atLeast ? "greater than" : "less than";
      return `Number must be ${relation}${inclusive ? " or equal to" : ""} ${bound}`;
    }
  }
}

/** The message for one issue, or undefined to keep zod's own. */
export function humanMessage(issue: $ZodRawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "Required";
      if (issue.expected === "int" && typeof issue.input === "number") return "Expected integer, received float";
      return `Expected ${issue.expected === "int" ? "integer" : issue.expected}, received ${received(issue.input)}`;
    case "too_small":
      return sizeMessage(issue.origin, issue.minimum, true, issue.inclusive ?? true, issue.exact ?? false);
    case "too_big":
      return sizeMessage(issue.origin, issue.maximum, false, issue.inclusive ?? true, issue.exact ?? false);
    case "invalid_format":
      return `Invalid ${FORMAT_NAMES[issue.format] ?? issue.format}`;
    case "invalid_value":
      return `Invalid value. Expected ${issue.values.map((v) => `'${String(v)}'`).join(" | ")}, received '${String(issue.input)}'`;
    case "unrecognized_keys":
      return `Unrecognized key(s) in object: ${issue.keys.map((k) => `'${k}'`).join(", ")}`;
    case "not_multiple_of":
      return `Number must be a multiple of ${issue.divisor}`;
    default:
      return undefined;
  }
}

let installed = false;

export function installValidationMessages(): void {
  if (installed) return;
  installed = true;
  z.config({ customError: humanMessage });
}

/** One issue as `field: message`, the field a dotted path (`capabilities.3`), or the request part. */
export function describeIssue(part: string, path: readonly PropertyKey[], message: string): string {
  const field = path.length > 0 ? path.map(String).join(".") : part;
  return `${field}: ${message}`;
}
