/**
 * The extension point for routes: one folder per domain under `api/src/routes/<domain>/`,
 * whose `index.ts` exports a `RouteModule`, listed once in `routes/index.ts`. Each module is
 * registered in its own encapsulated Fastify context under `prefix`, with zod type checking
 * of params, query, body and response, and with `app.ctx` and the auth preHandlers in reach.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

export interface RouteModule {
  /** Domain name, for logs and the OpenAPI tag. */
  name: string;
  /** URL prefix of every route in the module, e.g. `/api/v1/auth`; `""` for top-level routes. */
  prefix: string;
  /** Top-level routes (health, metrics) skip the `/api/v1` rate limit and the OpenAPI tag. */
  plugin: FastifyPluginAsyncZod;
}

export function defineRoutes(name: string, prefix: string, plugin: FastifyPluginAsyncZod): RouteModule {
  return { name, prefix, plugin };
}
