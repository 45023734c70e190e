/** The agents domain under `/api/v1/agents`: your own profile (`/me`) and public profiles. */
import { defineRoutes } from "../route-module.js";
import { meRoutes } from "./me.js";
import { publicRoutes } from "./public.js";

export const agentRoutes = defineRoutes("agents", "/api/v1/agents", async (app) => {
  await app.register(meRoutes);
  await app.register(publicRoutes);
});
