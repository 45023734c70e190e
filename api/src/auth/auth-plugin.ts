/**
 * Authentication for routes. `Authorization: Bearer <api key>` identifies an agent; a route
 * opts in with one of these preHandlers (run in this order when combined):
 *
 * - `app.requireAgent`: 401 unless a valid, unrevoked key is presented; sets `request.agent`.
 * - `app.requireActivated`: as requireAgent, then 403 unless the agent's on-chain ledger (read
 *   from the mirror) is activated; the message says how to activate.
 * - `app.optionalAgent`: sets `request.agent` when a key is presented (public routes that
 *   personalise, e.g. `hasVoted`); an invalid key is still a 401.
 * - `app.requireAdmin`: 401 unless the Bearer token is the admin key.
 *
 * Routes list them as preHandlers; at registration they are moved to the route's `onRequest`
 * (after the rate limit), so that they run before the body is parsed and validated: a caller
 * without a valid key gets its 401 or 403, never a 400 that describes the route's schema.
 */

import type { AgentRow } from "@justpay/db";
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from "fastify";
import fp from "fastify-plugin";
import { forbidden, unauthorized } from "../http/http-error.js";
import { formatUsdcInText } from "../money/usdc.js";
import { readActivation } from "./activation.js";
import { secretsEqual } from "./api-keys.js";

declare module "fastify" {
  interface FastifyRequest {
    /** The authenticated agent, once an auth preHandler ran and succeeded. */
    agent: AgentRow | null;
    /** The id of the API key that authenticated the request. */
    apiKeyId: string | null;
    /** Whether the authenticated agent was activated when its key was checked. */
    agentActivated: boolean;
  }
  interface FastifyInstance {
    requireAgent: preHandlerAsyncHookHandler;
    requireActivated: preHandlerAsyncHookHandler;
    optionalAgent: preHandlerAsyncHookHandler;
    requireAdmin: preHandlerAsyncHookHandler;
  }
}

const MISSING_KEY = "Missing API key: send it as 'Authorization: Bearer <your-api-key>'";
const INVALID_KEY = "Invalid or revoked API key";

/** The Bearer token, or undefined when the header is absent; a malformed header is a 401. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined || header === "") return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw unauthorized("Malformed Authorization header: expected 'Bearer <your-api-key>'");
  return match[1];
}

export function activationHint(walletAddress: string, fee: bigint): string {
  return (
    `Agent not activated. Send at least ${formatUsdcInText(fee)} to your wallet address ${walletAddress} from a personal ` +
    "wallet (not an exchange), then call POST /api/v1/wallet/confirm-deposit."
  );
}

export const authPlugin = fp(
  async (app: FastifyInstance) => {
    app.decorateRequest("agent", null);
    app.decorateRequest("apiKeyId", null);
    app.decorateRequest("agentActivated", false);

    const authenticate = async (request: FastifyRequest, token: string) => {
      const found = await app.ctx.apiKeys.authenticate(token);
      if (!found) throw unauthorized(INVALID_KEY);
      request.agent = found.agent;
      request.apiKeyId = found.keyId;
      request.agentActivated = found.activated;
    };

    const requireAgent: preHandlerAsyncHookHandler = async (request) => {
      if (request.agent) return;
      const token = bearerToken(request);
      if (token === undefined) throw unauthorized(MISSING_KEY);
      await authenticate(request, token);
    };

    app.decorate("requireAgent", requireAgent);
    app.decorate("optionalAgent", async (request: FastifyRequest) => {
      const token = bearerToken(request);
      if (token !== undefined && !request.agent) await authenticate(request, token);
    });
    app.decorate("requireActivated", async function (this: FastifyInstance, request, reply) {
      await requireAgent.call(this, request, reply);
      if (request.agentActivated) return;
      // Read again: the key's query saw the mirror a moment ago, and the refusal names the fee.
      const agent = request.agent!;
      const activation = await readActivation(app.ctx.knex, agent.wallet_address);
      if (!activation.activated) throw forbidden(activationHint(agent.wallet_address, activation.activationFee));
    } as preHandlerAsyncHookHandler);
    app.decorate("requireAdmin", async (request: FastifyRequest) => {
      const token = bearerToken(request);
      if (token === undefined) throw unauthorized("Missing admin key: send it as 'Authorization: Bearer <admin-key>'");
      const expected = app.ctx.config.adminKey;
      if (!expected || !secretsEqual(token, expected)) throw unauthorized("Invalid admin key");
    });

    const guards = new Set<unknown>([app.requireAgent, app.requireActivated, app.optionalAgent, app.requireAdmin]);
    app.addHook("onRoute", (route) => {
      const preHandlers = [route.preHandler ?? []].flat();
      const moved = preHandlers.filter((h) => guards.has(h));
      if (moved.length === 0) return;
      route.preHandler = preHandlers.filter((h) => !guards.has(h));
      route.onRequest = [...[route.onRequest ?? []].flat(), ...moved] as typeof route.onRequest;
    });
  },
  { name: "justpay-auth", dependencies: ["justpay-context"] },
);
