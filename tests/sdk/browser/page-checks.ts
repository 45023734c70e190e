/**
 * The script of the browser page (bundled for the browser from the built `@justpay/sdk/client`):
 * walks an agent's first steps through JustPayClient against the page's own origin, whose
 * /api the test server proxies to a real API. Amounts come back as bigints; they are handed
 * to the test as strings with their runtime type, since the page's answer is serialised.
 */
import { formatUsdc, JustPayClient, usdc } from "@justpay/sdk/client";

export interface PageAmount {
  type: string;
  value: string;
}

export interface PageResults {
  usdcMath: { half: PageAmount; one: PageAmount; formatted: string; sum: string };
  registered: { agentId: string; walletAddress: string; apiKey: string };
  before: Record<string, PageAmount>;
  after: Record<string, PageAmount>;
}

export interface PageGlobals {
  runChecks(name: string): Promise<PageResults>;
}

const amount = (value: unknown): PageAmount => ({ type: typeof value, value: String(value) });
const BALANCE_AMOUNTS = ["available", "pending", "escrowed", "total"] as const;
const amounts = (body: Record<(typeof BALANCE_AMOUNTS)[number], unknown>): Record<string, PageAmount> =>
  Object.fromEntries(BALANCE_AMOUNTS.map((key) => [key, amount(body[key])]));

async function runChecks(name: string): Promise<PageResults> {
  const origin = (globalThis as unknown as { location: { origin: string } }).location.origin;
  const anonymous = new JustPayClient({ baseUrl: origin });
  const registered = await anonymous.auth.register({ name, description: "registered from a browser page" });
  const agent = anonymous.withApiKey(registered.apiKey);
  const before = await agent.wallet.balance();
  await agent.dev.fund(registered.walletAddress, usdc("2.50"));
  await agent.wallet.confirmDeposit();
  const after = await agent.wallet.balance();
  return {
    usdcMath: {
      half: amount(usdc("0.50")),
      one: amount(usdc(1)),
      formatted: formatUsdc(500000n),
      sum: formatUsdc(usdc("0.25") + usdc("1.5")),
    },
    registered: {
      agentId: registered.agentId,
      walletAddress: registered.walletAddress,
      apiKey: registered.apiKey,
    },
    before: amounts(before),
    after: amounts(after),
  };
}

(globalThis as unknown as PageGlobals).runChecks = runChecks;
