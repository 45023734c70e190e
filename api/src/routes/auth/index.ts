/** The auth domain: registration, API keys and key verification under `/api/v1/auth`. */
import { defineRoutes } from "../route-module.js";
import { keyRoutes } from "./keys.js";
import { registerRoute } from "./register.js";
import { verifyRoute } from "./verify.js";

export const authRoutes = defineRoutes("auth", "/api/v1/auth", async (app) => {
  await app.register(registerRoute);
  await app.register(keyRoutes);
  await app.register(verifyRoute);
});
