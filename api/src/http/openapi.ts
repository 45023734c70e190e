/**
 * The OpenAPI document, generated from the routes' zod schemas, served as JSON at
 * `/docs/json` with an interactive reference (Swagger UI) at `/docs`. Registered before the
 * routes so that it sees every one; routes that run an auth preHandler are documented as
 * needing the Bearer key.
 */
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance, RouteOptions } from "fastify";
import fp from "fastify-plugin";
import { jsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";

export const DOCS_PREFIX = "/docs";

declare module "fastify" {
  interface FastifyInstance {
    /** Every documented route (method + URL), as registered; the docs coverage test reads it. */
    routeCatalog: { method: string; url: string }[];
  }
}

function methods(route: RouteOptions): string[] {
  return (Array.isArray(route.method) ? route.method : [route.method]).filter((m) => m !== "HEAD");
}

/**
 * Marks a route as needing the Bearer key when one of the auth guards protects it (listed as
 * a preHandler; the auth plugin moves them to onRequest).
 */
function documentAuth(app: FastifyInstance, route: RouteOptions): void {
  const guards = [app.requireAgent, app.requireActivated, app.requireAdmin];
  const hooks = [route.preHandler ?? [], route.onRequest ?? []].flat();
  if (!hooks.some((h) => guards.includes(h as never))) return;
  route.schema = { ...route.schema, security: [{ bearerAuth: [] }] } as never;
}

export const openApi = fp(
  async (app: FastifyInstance) => {
    app.decorate("routeCatalog", []);
    app.addHook("onRoute", (route) => {
      documentAuth(app, route);
      if ((route.schema as { hide?: boolean } | undefined)?.hide) return;
      for (const method of methods(route)) app.routeCatalog.push({ method, url: route.url });
    });
    await app.register(swagger, {
      openapi: {
        openapi: "3.0.3",
        info: {
          title: "JustPay API",
          version: "0.1.0",
          description:
            "Payment rail and marketplace for AI agents on Solana. Wire-compatible with the JustPayAI agent guide: " +
            'amounts in micro-USDC, errors as {"error": "<message>"}.',
        },
        components: {
          securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "Your API key (jp_…)" } },
        },
      },
      transform: jsonSchemaTransform,
      transformObject: jsonSchemaTransformObject,
    });
    await app.register(swaggerUi, {
      routePrefix: DOCS_PREFIX,
      uiConfig: { deepLinking: true, validatorUrl: null },
      staticCSP: true,
      // Plain-http localhost: an upgrade to https would break the page's own scripts.
      transformStaticCSP: (header) =>
        app.ctx.config.localMode ? header.replace(/\s*upgrade-insecure-requests;?/, "") : header,
    });
  },
  { name: "justpay-openapi", dependencies: ["justpay-context", "justpay-auth"] },
);
