/**
 * The JustPay API as a Fastify plugin: zod validation and serialization, the application
 * context (`app.ctx`), the error handler, security headers, rate limits, authentication, Idempotency-Key, and
 * every route module. It opens
 * nothing itself: `server.ts` (or a test) builds the context and registers this plugin.
 */

import helmet from "@fastify/helmet";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { authPlugin } from "./auth/auth-plugin.js";
import type { AppContext } from "./context.js";
import { errorHandling } from "./http/error-handler.js";
import { idempotency } from "./http/idempotency.js";
import { openApi } from "./http/openapi.js";
import { rateLimits } from "./http/rate-limits.js";
import { installValidationMessages } from "./http/validation-messages.js";
import { httpMetrics } from "./metrics/http-metrics.js";
import { ROUTE_MODULES } from "./routes/index.js";
import type { RouteModule } from "./routes/route-module.js";

declare module "fastify" {
  interface FastifyInstance {
    ctx: AppContext;
  }
}

export interface AppOptions {
  ctx: AppContext;
  /** Defaults to every module in routes/index.ts; tests append probe routes. */
  routes?: readonly RouteModule[];
}

const contextPlugin = fp(
  async (app: FastifyInstance, { ctx }: AppOptions) => {
    app.decorate("ctx", ctx);
  },
  { name: "justpay-context" },
);

/** The module in its own context, its routes tagged with the module's name in the docs. */
function withTag(module: RouteModule) {
  return async (scope: FastifyInstance) => {
    scope.addHook("onRoute", (route) => {
      const schema = (route.schema ?? {}) as { tags?: string[] };
      route.schema = { ...schema, tags: schema.tags ?? [module.name] } as never;
    });
    await scope.register(module.plugin);
  };
}

export const justpayApp = fp(
  async (app: FastifyInstance, { ctx, routes = ROUTE_MODULES }: AppOptions) => {
    installValidationMessages();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    await app.register(contextPlugin, { ctx });
    await app.register(errorHandling);
    await app.register(helmet, {
      // On plain-http localhost, upgrading subresources to https would break the docs page.
      contentSecurityPolicy: ctx.config.localMode ? { directives: { upgradeInsecureRequests: null } } : true,
    });
    await app.register(rateLimits);
    await app.register(httpMetrics);
    await app.register(authPlugin);
    await app.register(idempotency);
    await app.register(openApi);
    for (const module of routes) await app.register(withTag(module), { prefix: module.prefix });
  },
  { name: "justpay-app" },
);
