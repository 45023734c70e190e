/** Program errors as typed values, keyed by the IDL's codes and names. */
import { AnchorError } from "@coral-xyz/anchor";
import { IDL } from "./idl.js";

/**
 * One of the program's custom errors (6000 and up), with the IDL's code, name and message.
 * `name` is the IDL name ("NoWithdrawalAddress"), so a caller can switch on it.
 */
export class JustPayProgramError extends Error {
  constructor(
    readonly code: number,
    name: string,
    message: string,
  ) {
    super(message);
    this.name = name;
  }

  /** The IDL name; kept under this name too for callers written against the first version. */
  get errorName(): string {
    return this.name;
  }
}

const BY_CODE = new Map<number, { name: string; msg: string }>(IDL.errors.map((e) => [e.code, e]));

export function errorByCode(code: number): JustPayProgramError | undefined {
  const e = BY_CODE.get(code);
  return e ? new JustPayProgramError(code, e.name, e.msg ?? "") : undefined;
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
 * The program's error from the Anchor line it logs when an instruction fails ("Program log:
 * AnchorError occurred. Error Code: <Name>. Error Number: <n>. Error Message: <msg>."), read
 * with Anchor's own parser. The line counts only when its name and number are one of this
 * program's errors: any Anchor program in the same transaction logs lines of the same form.
 */
export function anchorErrorFromLogs(logs: readonly string[]): JustPayProgramError | undefined {
  const logged = AnchorError.parse([...logs])?.error.errorCode;
  if (!logged || BY_CODE.get(logged.number)?.name !== logged.code) return undefined;
  return errorByCode(logged.number);
}

const CUSTOM_ERROR_LINE = /custom program error: 0x([0-9a-f]+)/i;

/**
 * The custom error code of a failed transaction: the program's Anchor error line when it
 * logged one, else the runtime's log line ("Program <id> failed: custom program error:
 * 0x1770"), which every backend emits, also for a failing token CPI (no Anchor line then).
 */
export function customErrorFromLogs(logs: readonly string[]): number | undefined {
  const anchor = anchorErrorFromLogs(logs);
  if (anchor) return anchor.code;
  for (const line of logs) {
    const m = CUSTOM_ERROR_LINE.exec(line);
    if (m?.[1]) return Number.parseInt(m[1], 16);
  }
  return undefined;
}
