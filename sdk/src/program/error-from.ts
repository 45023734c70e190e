/**
 * `programErrorFrom`: whatever a failed send hands the caller, turned into the program's
 * typed error. Sources differ by client: web3.js throws a `SendTransactionError` (its logs,
 * its message with "custom program error: 0x…"), Anchor an `AnchorError`, the Chain port
 * returns a `SendOutcome` (`errorCode`, `logs`), and RPC status answers carry the raw
 * `{ InstructionError: [i, { Custom: n }] }`. Only codes the IDL lists map; anything else
 * (a token program's 0x1, a runtime failure) gives undefined rather than a guessed error.
 */
import { customErrorFromLogs, errorByCode, JustPayProgramError } from "./errors.js";

/** A thrown error, an outcome or status object, a transaction's logs, or a bare code. */
export type ProgramErrorSource = JustPayProgramError | number | readonly string[] | object | null | undefined;

const isLogs = (v: unknown): v is readonly string[] => Array.isArray(v) && v.every((l) => typeof l === "string");

/** `{ InstructionError: [index, { Custom: code }] }`, as RPC statuses and simulations report it. */
function customFromTransactionError(err: unknown): number | undefined {
  const ie = (err as { InstructionError?: unknown } | null)?.InstructionError;
  if (!Array.isArray(ie)) return undefined;
  const custom = (ie[1] as { Custom?: unknown } | null)?.Custom;
  return typeof custom === "number" ? custom : undefined;
}

function codeOf(o: Record<string, unknown>) {
  // Logs first: the Anchor line names the error, where a bare code could be any program's.
  const logs = [o.logs, o.transactionLogs, (o.error as Record<string, unknown> | undefined)?.logs].find(isLogs);
  const fromLogs = logs ? customErrorFromLogs(logs) : undefined;
  if (fromLogs !== undefined && errorByCode(fromLogs)) return fromLogs;
  const anchorCode = (o.error as { errorCode?: { number?: unknown } } | undefined)?.errorCode?.number;
  if (typeof anchorCode === "number") return anchorCode;
  if (typeof o.errorCode === "number") return o.errorCode;
  const fromErr = customFromTransactionError(o.err) ?? customFromTransactionError(o.transactionError);
  if (fromErr !== undefined) return fromErr;
  const message = typeof o.message === "string" ? o.message : undefined;
  const m = message ? /custom program error: 0x([0-9a-f]+)/i.exec(message) : null;
  return m?.[1] ? Number.parseInt(m[1], 16) : fromLogs;
}

export function programErrorFrom(source: ProgramErrorSource): JustPayProgramError | undefined {
  if (source === null || source === undefined) return undefined;
  if (source instanceof JustPayProgramError) return source;
  if (typeof source === "number") return errorByCode(source);
  if (isLogs(source)) {
    const code = customErrorFromLogs(source);
    return code === undefined ? undefined : errorByCode(code);
  }
  const code = codeOf(source as Record<string, unknown>);
  return code === undefined ? undefined : errorByCode(code);
}
