/**
 * Transaction errors in one textual form for both adapters. The RPC reports a
 * TransactionError as JSON: a bare variant name ("AccountNotFound") or an object
 * ({"InstructionError":[0,{"Custom":6000}]}). LocalChain rebuilds that same JSON from
 * litesvm's objects, so `err` strings compare equal whichever chain produced them.
 */
import { customErrorFromLogs } from "../program/errors.js";

/** The JSON value the RPC uses for a TransactionError. */
export type RpcTransactionError = string | { [variant: string]: unknown };

export function formatTransactionError(err: unknown): string | null {
  if (err === null || err === undefined) return null;
  return typeof err === "string" ? err : JSON.stringify(err);
}

/**
 * The custom error code a failure carried. The structured error is authoritative; the log
 * line is the fallback because it may name an inner (CPI) program's code instead.
 */
export function customErrorCode(err: unknown, logs: readonly string[]): number | undefined {
  if (err !== null && typeof err === "object" && "InstructionError" in err) {
    const detail = (err as { InstructionError: unknown }).InstructionError;
    if (Array.isArray(detail)) {
      const inner: unknown = detail[1];
      if (inner !== null && typeof inner === "object" && "Custom" in inner) {
        const code = (inner as { Custom: unknown }).Custom;
        if (typeof code === "number") return code;
      }
    }
  }
  return err === null || err === undefined ? undefined : customErrorFromLogs(logs);
}
