/** USDC amounts: the API counts micro-units (1 USDC = 1 000 000) and shows them as the seed does. */
export const MICRO_PER_USDC = 1_000_000n;

/** `1000000n` → `"1.00 USDC"`; sub-cent amounts keep their digits (`"0.015 USDC"`). */
export function formatUsdc(micro: bigint): string {
  const negative = micro < 0n;
  const abs = negative ? -micro : micro;
  const whole = abs / MICRO_PER_USDC;
  const fraction = (abs % MICRO_PER_USDC).toString().padStart(6, "0").replace(/0+$/, "").padEnd(2, "0");
  return `${negative ? "-" : ""}${whole}.${fraction} USDC`;
}

/** For sentences: whole amounts without cents (`"1 USDC"`), others as `formatUsdc` writes them. */
export function formatUsdcInText(micro: bigint): string {
  return formatUsdc(micro).replace(/\.00 USDC$/, " USDC");
}
