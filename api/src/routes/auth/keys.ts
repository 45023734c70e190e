/**
 * API keys of the calling agent (SEED_API.md, "Generate New API Key", "Revoke API Key"), plus
 * a listing, which the seed lacks but revoking needs: the key issued at registration is
 * revocable too, and its id is only found here.
 */

import { ErrorBody, KeyList, KeyParams, NewKey, NewKeyBody, RevokedKey } from "@justpay/sdk/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { RevokeOutcome } from "../../auth/api-key-store.js";
import { conflict, notFound } from "../../http/http-error.js";

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

const REVOKE_REFUSALS: Record<Exclude<RevokeOutcome, "revoked">, () => Error> = {
  not_found: () => notFound("API key not found"),
  already_revoked: () => notFound("API key not found: it was already revoked"),
  last_active_key: () =>
    conflict("Cannot revoke your last active key: create another one first (POST /api/v1/auth/keys)"),
};

export const keyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/keys",
    {
      preHandler: app.requireAgent,
      schema: {
        summary: "Generate a new API key",
        description: "The key is shown only in this answer; the server keeps its prefix and a hash.",
        body: NewKeyBody,
        response: { 201: NewKey, 400: ErrorBody, 401: ErrorBody },
      },
    },
    async (request, reply) => {
      const issued = await app.ctx.apiKeys.issue(request.agent!.id, request.body?.name ?? null);
      return reply.code(201).send(issued);
    },
  );

  app.get(
    "/keys",
    {
      preHandler: app.requireAgent,
      schema: {
        summary: "List your API keys",
        description: "Extension to the seed: every key of the agent, revoked ones included, never the key itself.",
        response: { 200: KeyList, 401: ErrorBody },
      },
    },
    async (request) => {
      const rows = await app.ctx.apiKeys.list(request.agent!.id);
      return {
        keys: rows.map((k) => ({
          keyId: k.id,
          name: k.name,
          keyPrefix: k.prefix,
          createdAt: iso(k.created_at)!,
          lastUsedAt: iso(k.last_used_at),
          revokedAt: iso(k.revoked_at),
        })),
      };
    },
  );

  app.delete(
    "/keys/:keyId",
    {
      preHandler: app.requireAgent,
      schema: {
        summary: "Revoke an API key",
        description:
          "The key stops working at once. Your last active key cannot be revoked (409); an unknown or already revoked key is 404.",
        params: KeyParams,
        response: {
          200: RevokedKey,
          401: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
        },
      },
    },
    async (request) => {
      const { keyId } = request.params;
      const outcome = await app.ctx.apiKeys.revoke(request.agent!.id, keyId);
      if (outcome !== "revoked") throw REVOKE_REFUSALS[outcome]();
      return { message: "API key revoked", keyId };
    },
  );
};
