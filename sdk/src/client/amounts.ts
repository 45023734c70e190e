/**
 * USDC amounts. The REST API counts micro-USDC (1 USDC = 1 000 000) and sends amounts in
 * answers as decimal-integer strings; the client hands them out as `bigint`, and takes
 * `bigint | number | string` (integer micro-units) wherever a request carries one.
 */

export const MICRO_PER_USDC = 1_000_000n;
const DECIMALS = 6;

/** An amount in micro-USDC as a request accepts it: `500000n`, `500000` or `"500000"`. */
export type Amount = bigint | number | string;

/** `usdc("0.50") === 500000n`, `usdc(1) === 1000000n`: USDC (up to 6 decimals) to micro-USDC. */
export function usdc(value: number | string | bigint): bigint {
  if (typeof value === "bigint") return value * MICRO_PER_USDC;
  const text = typeof value === "number" ? numberText(value) : value.trim();
  const match = /^(-)?(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || (match[2] === "" && (match[3] ?? "") === ""))
    throw new RangeError(`usdc: not a decimal amount: ${JSON.stringify(value)}`);
  const [, sign, whole, fraction = ""] = match;
  if (fraction.length > DECIMALS) throw new RangeError(`usdc: more than ${DECIMALS} decimals: ${text}`);
  const micro = BigInt(whole || "0") * MICRO_PER_USDC + BigInt(fraction.padEnd(DECIMALS, "0") || "0");
  return sign ? -micro : micro;
}

/** A number as plain decimal text: `1e-7` would otherwise print in exponent form. */
function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`usdc: not a finite number: ${n}`);
  return (
    n
      .toFixed(DECIMALS + 1)
      .replace(/0+$/, "")
      .replace(/\.$/, "") || "0"
  );
}

/** `formatUsdc(500000n) === "0.50"`: at least 2 decimals, no trailing zeros beyond. */
export function formatUsdc(micro: Amount): string {
  const value = toMicro(micro, "amount");
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const fraction = (abs % MICRO_PER_USDC).toString().padStart(DECIMALS, "0").replace(/0+$/, "").padEnd(2, "0");
  return `${negative ? "-" : ""}${abs / MICRO_PER_USDC}.${fraction}`;
}

/** Integer micro-units from any accepted form; a fraction or non-number text is refused. */
export function toMicro(value: Amount, field: string): bigint {
  if (typeof value === "bigint") return value;
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new RangeError(`${field}: ${value} is not an integer of micro-USDC`);
    return BigInt(value);
  }
  if (!/^-?\d+$/.test(value.trim())) throw new RangeError(`${field}: "${value}" is not an integer of micro-USDC`);
  return BigInt(value.trim());
}

/** The JSON number a request body carries; the API's limits are far below 2^53. */
export function toWireNumber(value: Amount, field: string): number {
  const micro = toMicro(value, field);
  if (micro > BigInt(Number.MAX_SAFE_INTEGER) || micro < -BigInt(Number.MAX_SAFE_INTEGER))
    throw new RangeError(`${field}: ${micro} is too large to send`);
  return Number(micro);
}

/** Request fields that carry micro-USDC. */
export const REQUEST_AMOUNT_KEYS = [
  "amount",
  "pricePerJob",
  "rewardPerTask",
  "totalBudget",
  "minPrice",
  "maxPrice",
] as const;
type RequestAmountKey = (typeof REQUEST_AMOUNT_KEYS)[number];

/** A request shape whose amount fields also take `bigint` and decimal-integer strings. */
export type WithAmountInputs<T> = T extends object
  ? { [K in keyof T]: K extends RequestAmountKey ? Exclude<T[K], number> | Amount : T[K] }
  : T;

/** Answer fields that carry micro-USDC as decimal-integer strings. */
export const RESPONSE_AMOUNT_KEYS = [
  "amount",
  "platformFee",
  "totalCost",
  "available",
  "pending",
  "escrowed",
  "total",
  "fee",
  "netAmount",
  "totalCredited",
  "amountWithdrawn",
  "pricePerJob",
  "budget",
  "rewardPerTask",
  "platformFeePerTask",
  "costPerTask",
  "totalBudget",
  "remainingBudget",
] as const;
type ResponseAmountKey = (typeof RESPONSE_AMOUNT_KEYS)[number];

/** Fields holding the agents' own JSON (job input, webhook data, schemas): never rewritten. */
const OPAQUE_KEYS = [
  "input",
  "output",
  "data",
  "taskDescription",
  "inputSchema",
  "outputSchema",
  "exampleInput",
  "exampleOutput",
  "detail",
] as const;
type OpaqueKey = (typeof OPAQUE_KEYS)[number];

type StringToBigint<V> = V extends string ? bigint : V;

/** An answer shape with its micro-USDC strings as `bigint`. */
export type WithBigints<T> = T extends readonly (infer U)[]
  ? WithBigints<U>[]
  : T extends object
    ? {
        [K in keyof T]: K extends OpaqueKey
          ? T[K]
          : K extends ResponseAmountKey
            ? StringToBigint<T[K]>
            : WithBigints<T[K]>;
      }
    : T;

const responseAmounts = new Set<string>(RESPONSE_AMOUNT_KEYS);
const opaque = new Set<string>(OPAQUE_KEYS);
const INTEGER_TEXT = /^-?\d+$/;

/** The answer with every micro-USDC string (by field name, outside agents' own JSON) as a bigint. */
export function amountsToBigint<T>(value: T): WithBigints<T> {
  return convert(value) as WithBigints<T>;
}

function convert(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(convert);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (opaque.has(key)) out[key] = field;
    else if (responseAmounts.has(key) && typeof field === "string" && INTEGER_TEXT.test(field))
      out[key] = BigInt(field);
    else out[key] = convert(field);
  }
  return out;
}

/** A request body with its amount fields as the JSON numbers the API validates. */
export function amountsToWire<T extends object>(body: T): T {
  const out = { ...body } as Record<string, unknown>;
  for (const key of REQUEST_AMOUNT_KEYS) {
    const v = out[key];
    if (v !== undefined && v !== null) out[key] = toWireNumber(v as Amount, key);
  }
  return out as T;
}
