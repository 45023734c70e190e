/** Program errors as typed values, keyed by the IDL's codes. */
import { IDL } from "./idl.js";

export type ProgramErrorName = (typeof IDL)["errors"][number]["name"];

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

export function errorCode(name: ProgramErrorName): number {
  const e = IDL.errors.find((x) => x.name === name);
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
