/**
 * The CLI's failures, each turned into one line on stderr and an exit code: 2 for a usage
 * mistake (the command line itself is wrong), 1 for everything else. No stack trace ever
 * reaches the user: it says nothing they can act on.
 */

export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** A failure with a message written for the user. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_FAILURE,
  ) {
    super(message);
  }
}

/** The command line is wrong: a bad amount, malformed JSON, a missing setting. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, EXIT_USAGE);
  }
}

interface ApiErrorLike {
  status: number;
  message: string;
  retryAfterSeconds?: number;
}

function isApiError(e: unknown): e is ApiErrorLike {
  return e instanceof Error && e.name !== "TypeError" && typeof (e as Partial<ApiErrorLike>).status === "number";
}

const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ECONNRESET",
  "EHOSTUNREACH",
  "ETIMEDOUT",
]);

/** Node's fetch reports a refused or unresolvable host as TypeError("fetch failed") with the system error as cause. */
function unreachableCode(e: unknown): string | null {
  if (!(e instanceof Error)) return null;
  const cause = (e as { cause?: unknown }).cause;
  const code = (cause as { code?: unknown } | undefined)?.code ?? (e as { code?: unknown }).code;
  if (typeof code === "string" && UNREACHABLE_CODES.has(code)) return code;
  if (e.name === "TypeError" && e.message === "fetch failed") return "unreachable";
  // An AggregateError of every address tried (IPv4 and IPv6) when all refused.
  if (cause instanceof AggregateError) return unreachableCode(cause.errors[0]);
  return null;
}

const STATUS_HINTS: Record<number, string> = {
  401: "check your API key (`justpay login <key>` or JUSTPAY_API_KEY)",
  403: "the agent may not be activated yet: deposit at least 1 USDC (`justpay fund 5` in local mode)",
};

/** The one line the user sees for a failure, and the exit code. */
export function describeFailure(e: unknown, apiUrl: string): { message: string; exitCode: number } {
  if (e instanceof CliError) return { message: e.message, exitCode: e.exitCode };
  if (isApiError(e)) {
    const hint = STATUS_HINTS[e.status];
    const retry = e.status === 429 && e.retryAfterSeconds ? ` (retry after ${e.retryAfterSeconds}s)` : "";
    return {
      message: `API error ${e.status}: ${e.message}${retry}${hint ? ` — ${hint}` : ""}`,
      exitCode: EXIT_FAILURE,
    };
  }
  const code = unreachableCode(e);
  if (code)
    return {
      message: `cannot reach the JustPay API at ${apiUrl} (${code}); is it running? Start it with \`npm start\`, or point the CLI elsewhere with --api-url or JUSTPAY_API_URL`,
      exitCode: EXIT_FAILURE,
    };
  const message = e instanceof Error ? e.message : String(e);
  return { message: message.split("\n")[0] || "unknown error", exitCode: EXIT_FAILURE };
}
