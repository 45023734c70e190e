/** `GET /api/v1/auth/verify` (SEED_API.md, "Verify Token"). */

import { ErrorBody, VerifyKeyResponse } from "@justpay/sdk/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

export const verifyRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/verify",
    {
      preHandler: app.requireAgent,
      schema: {
        summary: "Verify an API key",
        description: "200 for a valid, unrevoked key; 401 otherwise.",
        response: {
          200: VerifyKeyResponse,
          401: ErrorBody,
        },
      },
    },
    async (request) => ({ valid: true as const, agentId: request.agent!.id, name: request.agent!.name }),
  );
};
