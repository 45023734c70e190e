/**
 * An agent as the benches make one, through the public API only: `POST /auth/register`, a
 * deposit from a personal wallet (`POST /dev/fund`), then `POST /wallet/confirm-deposit`,
 * which activates it. Shared by bench:jobs and bench:campaigns.
 */
import type { JsonClient } from "./http-client.js";

export interface BenchAgent {
  agentId: string;
  apiKey: string;
  walletAddress: string;
}

export async function fundedAgent(http: JsonClient, name: string, usdc: number): Promise<BenchAgent> {
  const agent: BenchAgent = await http.ok("POST", "/api/v1/auth/register", 201, undefined, { name });
  await http.ok("POST", "/api/v1/dev/fund", 200, undefined, { address: agent.walletAddress, amount: usdc });
  const confirmed = await http.ok("POST", "/api/v1/wallet/confirm-deposit", 200, agent.apiKey);
  if (!confirmed.activated) throw new Error(`${name} is not activated after its deposit`);
  return agent;
}
