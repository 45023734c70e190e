/** The webhooks domain under `/api/v1/webhooks`: the delivery log and the signing secret. */
import { defineRoutes } from "../route-module.js";
import { deliveryRoutes } from "./deliveries.js";
import { secretRoutes } from "./secret.js";

export const webhookRoutes = defineRoutes("webhooks", "/api/v1/webhooks", async (app) => {
  await app.register(deliveryRoutes);
  await app.register(secretRoutes);
});
