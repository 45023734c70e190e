import assert from "node:assert/strict";
import { z } from "zod";
import { defineRoutes } from "../../src/routes/route-module.js";
import { startTestApi, type TestApi } from "../support/test-api.js";

const probes = defineRoutes("probes", "/api/v1/probe", async (app) => {
  app.post(
    "/things/:id",
    {
      preHandler: app.requireAgent,
      schema: {
        params: z.object({ id: z.string() }),
        body: z.object({ name: z.string().min(2).max(50) }),
        response: { 200: z.object({ id: z.string(), name: z.string() }) },
      },
    },
    async (request) => ({ id: request.params.id, name: request.body.name }),
  );
});

/** `/api/v1/agents/:id` → `/api/v1/agents/{id}`, as OpenAPI writes paths. */
const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, "{$1}");

describe("OpenAPI at /docs", function () {
  this.timeout(60_000);
  let api: TestApi;
  let doc: { paths: Record<string, Record<string, any>>; openapi: string };
  before(async () => {
    api = await startTestApi({ label: "openapi", routes: [probes] });
    const res = await api.request({ method: "GET", url: "/docs/json" });
    assert.equal(res.statusCode, 200);
    doc = res.json();
  });
  after(async () => api?.close());

  it("documents every registered route", () => {
    // Given every route the app registered (HEAD and the docs' own assets aside)
    assert.ok(api.app.routeCatalog.length >= 3);
    // Then each appears in the document under its method
    for (const { method, url } of api.app.routeCatalog) {
      const path = doc.paths[openApiPath(url)];
      assert.ok(path?.[method.toLowerCase()], `${method} ${url} is missing from the OpenAPI document`);
    }
  });

  it("documents the public pages as HTML answers, 404 included", () => {
    for (const path of ["/", "/services/{id}", "/agents/{id}", "/proposals"]) {
      const op = doc.paths[path]?.get;
      assert.ok(op?.summary, `${path} has a summary`);
      assert.deepEqual(Object.keys(op.responses["200"].content), ["text/html"], path);
      assert.equal(op.security, undefined, `${path} is public`);
    }
    assert.deepEqual(Object.keys(doc.paths["/services/{id}"]?.get.responses["404"].content), ["text/html"]);
  });

  it("derives parameters, bodies and responses from the zod schemas, and marks authenticated routes", () => {
    const op = doc.paths["/api/v1/probe/things/{id}"]?.post;
    assert.deepEqual(op.tags, ["probes"]);
    assert.deepEqual(op.security, [{ bearerAuth: [] }]);
    assert.deepEqual(
      op.parameters.map((p: { name: string; in: string }) => [p.name, p.in]),
      [["id", "path"]],
    );
    const body = op.requestBody.content["application/json"].schema;
    assert.deepEqual(body.properties.name, { type: "string", minLength: 2, maxLength: 50 });
    assert.deepEqual(body.required, ["name"]);
    assert.ok(op.responses["200"].content["application/json"].schema.properties.id);
    assert.equal(doc.paths["/healthz"]?.get?.security, undefined, "public routes need no key");
  });

  it("serves the interactive reference and its assets", async () => {
    const page = await api.request({ method: "GET", url: "/docs/" });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /swagger-ui/);
    const script = await api.request({ method: "GET", url: "/docs/static/swagger-ui-bundle.js" });
    assert.equal(script.statusCode, 200);
    const csp = String(page.headers["content-security-policy"]);
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /upgrade-insecure-requests/, "local mode serves plain http");
  });
});
