/** Program errors as typed values, keyed by the IDL's codes. */
import { IDL } from "./idl.js";

export class EscrowProgramError extends Error {
  constructor(
    readonly code: number,
    readonly errorName: string,
    message: string,
  ) {
    super(`${errorName} (${code}): ${message}`);
    this.name = "EscrowProgramError";
  }
}

const BY_CODE = new Map<number, { name: string; msg: string }>(IDL.errors.map((e) => [e.code, e]));

export function errorByCode(code: number): EscrowProgramError | undefined {
  const e = BY_CODE.get(code);
  return e ? new EscrowProgramError(code, e.name, e.msg ?? "") : undefined;
}

/** An IDL error name, PascalCase or camelCase. */
export type ProgramErrorName = string;

/** The code of an error by its IDL name (PascalCase, as in the Rust source and the JSON IDL). */
export function errorCode(name: string): number {
  const e = IDL.errors.find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (!e) throw new Error(`unknown program error ${name}`);
  return e.code;
}

/**
 * The custom error code of a failed transaction, read from the runtime's log line
 * ("Program <id> failed: custom program error: 0x1770"), which every backend emits.
 */
export function customErrorFromLogs(logs: readonly string[]): number | undefined {
  for (const line of logs) {
    const m = /custom program error: 0x([0-9a-f]+)/i.exec(line);
    if (m?.[1]) return Number.parseInt(m[1], 16);
  }
  return undefined;
}
