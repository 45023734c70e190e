// What `@justpay/sdk/client` of an installed package does: usdc math, and one real call to
// the balance route at `baseUrl` (a loopback server the test scripts) with the amounts'
// runtime types. Shared by the ESM and the CommonJS consumer scripts.
module.exports = async function clientFacts(client, baseUrl) {
  const { JustPayClient, usdc, formatUsdc } = client;
  const half = usdc("0.50");
  const balance = await new JustPayClient({ baseUrl, apiKey: "jp_packed" }).wallet.balance();
  return {
    usdcHalfIs500000: half === 500000n,
    usdcOneIs1000000: usdc(1) === 1000000n,
    formatted: formatUsdc(half),
    balance: Object.fromEntries(
      ["available", "escrowed", "total"].map((key) => [
        key,
        { type: typeof balance[key], value: String(balance[key]) },
      ]),
    ),
  };
};
