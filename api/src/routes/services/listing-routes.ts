/**
 * A provider's writes: `POST /api/v1/services`, `PATCH /api/v1/services/:id` and
 * `DELETE /api/v1/services/:id` (Auth: Required + Activated; PATCH and DELETE owner only).
 */

import { CreateServiceBody, ErrorBody, ServiceParams, ServiceSchema, UpdateServiceBody } from "@justpay/sdk/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { badRequest } from "../../http/http-error.js";
import { MAX_SCHEMA_BYTES, MAX_SCHEMA_DEPTH } from "../../services/json-schema.js";
import { ServiceListings } from "../../services/service-listings.js";

const SCHEMA_RULES =
  `inputSchema and outputSchema must compile as JSON Schema with ajv and ajv-formats (draft-07 unless ` +
  `\`$schema\` names 2019-09 or 2020-12; remote \`$ref\`s are not fetched), each at most ${MAX_SCHEMA_BYTES} bytes ` +
  `of JSON and ${MAX_SCHEMA_DEPTH} levels deep; exampleInput and exampleOutput, when given, must match them and ` +
  `fit the same bounds. A refusal is a 400 naming the field and the reason.`;

const WRITE_ERRORS = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 409: ErrorBody };

export const listingRoutes: FastifyPluginAsyncZod = async (app) => {
  const listings = new ServiceListings(app.ctx.knex);

  app.post(
    // "" not "/": the route is the prefix itself, POST /api/v1/services, without a trailing-slash twin.
    "",
    {
      preHandler: app.requireActivated,
      schema: {
        summary: "Create a service",
        description:
          `${SCHEMA_RULES} pricePerJob must be at least the platform's minimum job amount (on-chain Config, ` +
          "1000 micro-USDC by default). A provider's active services have distinct names (409 otherwise). " +
          "Answers the service as GET /services/:id does.",
        body: CreateServiceBody,
        response: { 201: ServiceSchema, ...WRITE_ERRORS },
      },
    },
    async (request, reply) => reply.code(201).send(await listings.create(request.agent!, request.body)),
  );

  app.patch(
    "/:id",
    {
      preHandler: app.requireActivated,
      schema: {
        summary: "Update a service (owner only)",
        description:
          `Any subset of the create fields; null clears exampleInput, exampleOutput, model or modelProvider. ` +
          `isActive: true reactivates a deactivated service, false deactivates it. The merged listing is checked ` +
          `as on create: ${SCHEMA_RULES}`,
        params: ServiceParams,
        body: UpdateServiceBody,
        response: { 200: ServiceSchema, ...WRITE_ERRORS, 404: ErrorBody },
      },
    },
    async (request) => {
      if (Object.keys(request.body).length === 0) throw badRequest("body: send at least one field to update");
      return listings.update(request.agent!, request.params.id, request.body);
    },
  );

  app.delete(
    "/:id",
    {
      preHandler: app.requireActivated,
      schema: {
        summary: "Deactivate a service (owner only)",
        description:
          "The service leaves discovery and the category counts but stays readable by id, with isActive false " +
          "(jobs refer to it). Repeating is harmless; PATCH isActive: true reactivates it.",
        params: ServiceParams,
        response: { 200: ServiceSchema, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => listings.deactivate(request.agent!, request.params.id),
  );
};
