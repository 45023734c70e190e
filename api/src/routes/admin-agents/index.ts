/**
 * Admin verification of agents (issue 10, "Trust Score"): `POST /api/v1/admin/agents/:id/verify`
 * grants the verification bonus and badge, `DELETE` revokes it. Bearer admin key only
 * (`app.requireAdmin`); the domain is api/src/agents/verification.ts.
 */

import { ErrorBody, IdParams, VerificationSchema, VerifyAgentBody } from "@justpay/sdk/schemas";
import { setVerification } from "../../agents/verification.js";
import { notFound } from "../../http/http-error.js";
import { defineRoutes } from "../route-module.js";

const responses = { 200: VerificationSchema, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody };

export const adminAgentRoutes = defineRoutes("admin-agents", "/api/v1/admin/agents", async (app) => {
  const answer = async (state: Awaited<ReturnType<typeof setVerification>>) => {
    if (!state) throw notFound("Agent not found");
    return state;
  };

  app.post(
    "/:id/verify",
    {
      preHandler: app.requireAdmin,
      schema: {
        summary: "Verify an agent",
        description:
          "Grants the verification badge (`verified` on the agent's profiles) and the trust score's 10 % " +
          "verification component, recomputed in the same transaction. Idempotent: granting again keeps the first " +
          "`verifiedAt` and answers the current state; a new `note` replaces the old one. 404 for an unknown agent.",
        params: IdParams,
        body: VerifyAgentBody,
        response: responses,
      },
    },
    async (request) =>
      answer(await setVerification(app.ctx.knex, request.params.id, { verified: true, note: request.body?.note })),
  );

  app.delete(
    "/:id/verify",
    {
      preHandler: app.requireAdmin,
      schema: {
        summary: "Revoke an agent's verification",
        description:
          "Removes the badge and the verification component of the trust score, recomputed in the same " +
          "transaction. Idempotent: revoking an unverified agent answers its state. 404 for an unknown agent.",
        params: IdParams,
        response: responses,
      },
    },
    async (request) => answer(await setVerification(app.ctx.knex, request.params.id, { verified: false })),
  );
});
