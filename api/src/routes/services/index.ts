/**
 * The services domain under `/api/v1/services` (SEED_API.md, "Services"): the provider's
 * listing writes and the public marketplace reads.
 */
import { defineRoutes } from "../route-module.js";
import { listingRoutes } from "./listing-routes.js";
import { marketplaceRoutes } from "./marketplace-routes.js";

export const serviceRoutes = defineRoutes("services", "/api/v1/services", async (app) => {
  await app.register(marketplaceRoutes);
  await app.register(listingRoutes);
});
