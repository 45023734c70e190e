/** What a caller of the pipeline can get back besides success. */
import { errorByCode } from "@justpay/sdk";

/**
 * The transaction landed and the escrow program refused it. Carries the IDL error name
 * and code, which the API maps to an HTTP status.
 */
export class TxProgramError extends Error {
  override name = "TxProgramError";
  constructor(
    readonly intentKey: string,
    readonly signature: string,
    readonly code: number | undefined,
    readonly errorName: string | undefined,
    readonly logs: string[],
    message: string,
  ) {
    super(message);
  }

  static from(intentKey: string, signature: string, code: number | undefined, err: string, logs: string[]) {
    const known = code === undefined ? undefined : errorByCode(code);
    const message = known ? known.message : `transaction failed: ${err}`;
    return new TxProgramError(intentKey, signature, code, known?.errorName, logs, message);
  }
}

/** The intent was given up before it could land; nothing executed. */
export class TxVoidedError extends Error {
  override name = "TxVoidedError";
  constructor(
    readonly intentKey: string,
    readonly reason: string,
  ) {
    super(`intent ${intentKey} voided: ${reason}`);
  }
}

/** Another worker holds the intent right now; retry later. */
export class TxBusyError extends Error {
  override name = "TxBusyError";
  constructor(readonly intentKey: string) {
    super(`intent ${intentKey} is being processed elsewhere`);
  }
}

/** The idempotency key was used before for different instructions. */
export class IdempotencyConflictError extends Error {
  override name = "IdempotencyConflictError";
  constructor(readonly intentKey: string) {
    super(`intent ${intentKey} already exists with different instructions`);
  }
}
