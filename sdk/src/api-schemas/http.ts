/** Request headers the REST API documents. */
import { z } from "zod";

export const IDEMPOTENCY_HEADER = "idempotency-key";
export const IDEMPOTENCY_KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;
export const IDEMPOTENCY_KEY_RULE =
  "Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID is a good choice)";

/** The header as route documentation; other headers pass through untouched. */
export const IdempotencyHeaders = z.looseObject({
  [IDEMPOTENCY_HEADER]: z
    .string()
    .regex(IDEMPOTENCY_KEY_FORMAT, IDEMPOTENCY_KEY_RULE)
    .optional()
    .describe(
      "Optional. Retrying with the same key returns the first response instead of acting twice; " +
        "the same key with a different body is 409. A key is remembered for 24 hours after its answer.",
    ),
});
