/**
 * The public marketplace: `GET /api/v1/services/discover`, `/categories` and `/:id`. No auth;
 * the default per-IP limit of /api/v1 applies (the seed marks none of them "IP rate limited:
 * 30/min").
 */

import {
  CategoriesSchema,
  DiscoverServicesQuery,
  DiscoverServicesResponse,
  ErrorBody,
  MAX_DISCOVER_TAGS,
  ServiceParams,
  ServiceSchema,
} from "@justpay/sdk/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { badRequest } from "../../http/http-error.js";
import { NEW_AGENT_TRUST_SCORE } from "../../services/provider-reputation.js";
import { listCategories } from "../../services/service-categories.js";
import { discoverServices } from "../../services/service-discovery.js";
import { ServiceListings } from "../../services/service-listings.js";
import { refreshStaleReputations } from "../../trust/agent-reputation.js";

const REPUTATION_NOTE =
  `Each service carries its provider's trustScore (the seed's formula over real counts), rating (mean score of ` +
  `the ratings received, null without any) and completedJobs (released jobs as provider). A provider with no ` +
  `history has trustScore ${NEW_AGENT_TRUST_SCORE.toFixed(2)}, rating null and completedJobs 0.`;

function tagList(tags: string | undefined): string[] | undefined {
  const list = tags
    ?.split(",")
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
  if (list && list.length > MAX_DISCOVER_TAGS) throw badRequest(`tags: at most ${MAX_DISCOVER_TAGS} tags`);
  return list?.length ? list : undefined;
}

export const marketplaceRoutes: FastifyPluginAsyncZod = async (app) => {
  const listings = new ServiceListings(app.ctx.knex);

  app.get(
    "/discover",
    {
      schema: {
        summary: "Discover services",
        description:
          "Active services only. Filters combine (AND); empty parameters are ignored. search is Postgres " +
          'full-text search (English stemming; "phrases", or, -word) over name and description, ranked with ' +
          "a name match above a description-only one. Order: sortBy when given (price: cheapest first; rating " +
          "and completedJobs: highest first; newest: newest first), else relevance when searching, else newest; " +
          `ties by relevance, then provider trust score, then newest. ${REPUTATION_NOTE}`,
        querystring: DiscoverServicesQuery,
        response: { 200: DiscoverServicesResponse, 400: ErrorBody },
      },
    },
    async (request) => {
      const { tags, ...query } = request.query;
      if (query.minPrice !== undefined && query.maxPrice !== undefined && query.minPrice > query.maxPrice)
        throw badRequest("minPrice: must not exceed maxPrice");
      return discoverServices(app.ctx.knex, { ...query, tags: tagList(tags) });
    },
  );

  app.get(
    "/categories",
    {
      schema: {
        summary: "List categories",
        description: "Every category with at least one active service and how many it has, busiest first.",
        response: { 200: CategoriesSchema },
      },
    },
    async () => listCategories(app.ctx.knex),
  );

  app.get(
    "/:id",
    {
      schema: {
        summary: "Get service details",
        description: `Deactivated services stay readable here, with isActive false. ${REPUTATION_NOTE}`,
        params: ServiceParams,
        response: { 200: ServiceSchema, 404: ErrorBody },
      },
    },
    async (request) => {
      await refreshStaleReputations(app.ctx.knex);
      return listings.get(request.params.id);
    },
  );
};
