/** What a JustPay API call throws when the server answers with anything but 2xx. */
export class JustPayApiError extends Error {
  override readonly name = "JustPayApiError";

  constructor(
    /** The HTTP status. */
    readonly status: number,
    /** The body's `error` (SEED_API.md, Errors), or the status line when the body has none. */
    message: string,
    /** The parsed JSON body, or the text when it was not JSON. */
    readonly body: unknown,
    /** From `Retry-After` on a 429 (or 503): how long the server asked to wait. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}
