/**
 * Discovery stays fast as the catalogue grows: over a few thousand listings, the query for a
 * category, tags and a search term reads only the listings matching all three through the
 * one discovery index, instead of every listing of the category.
 */
import assert from "node:assert/strict";
import { discoveryPageQuery } from "../../src/services/service-discovery.js";
import { startTestApi, type TestApi } from "../support/test-api.js";
import { activatedAgent } from "./support.js";

const LISTINGS = 4_000;
/** i ≡ 0 (mod 8), i / 8 ≡ 0 (mod 4) and i / 32 even: the multiples of 64. */
const MATCHING_ALL = Math.floor(LISTINGS / 64);

/** Schemas the size of a real listing's, so that rows fill pages as they do in production. */
const INPUT_SCHEMA = {
  type: "object",
  properties: {
    text: { type: "string", description: "The document to summarize, plain text or markdown", maxLength: 100_000 },
    maxBullets: { type: "integer", minimum: 1, maximum: 20, description: "How many bullet points at most" },
    language: { type: "string", enum: ["en", "de", "fr", "es"], description: "The summary's language" },
  },
  required: ["text"],
};
const OUTPUT_SCHEMA = {
  type: "object",
  properties: { bullets: { type: "array", items: { type: "string", maxLength: 500 }, maxItems: 20 } },
  required: ["bullets"],
};

interface PlanNode {
  "Node Type": string;
  "Index Name"?: string;
  "Relation Name"?: string;
  "Actual Rows"?: number;
  "Rows Removed by Filter"?: number;
  Plans?: PlanNode[];
}

function* nodes(plan: PlanNode): Generator<PlanNode> {
  yield plan;
  for (const child of plan.Plans ?? []) yield* nodes(child);
}

describe("GET /api/v1/services/discover over a large catalogue", function () {
  this.timeout(120_000);
  let api: TestApi;

  before(async () => {
    api = await startTestApi({ label: "svc_discover_plan" });
    const provider = await activatedAgent(api, "catalogue");
    // Eight categories, four tags and two descriptions, drawn independently of one another: the
    // listings in category-0 with tag-0 and the summarizing description are the multiples of 64
    await api.ctx.knex.raw(
      `insert into services (id, agent_id, name, description, category, tags, input_schema, output_schema,
                             price_per_job, max_execution_time_secs, auto_accept, max_concurrent_jobs,
                             queue_enabled, max_queue_size, min_client_trust_score)
       select 'plan-' || i, ?, 'Listing ' || i,
              case when (i / 32) % 2 = 0 then 'summarizes long documents' else 'translates manuals' end,
              'category-' || (i % 8), array['tag-' || ((i / 8) % 4), 'shared'], ?::jsonb, ?::jsonb,
              1000 + i, 300, true, 10, false, 0, 0
       from generate_series(1, ?) i`,
      [provider.id, JSON.stringify(INPUT_SCHEMA), JSON.stringify(OUTPUT_SCHEMA), LISTINGS],
    );
    await api.ctx.knex.raw("analyze services");
  });
  after(async () => api?.close());

  it("reads only the listings matching category, tags and search together, through the discovery index", async () => {
    // Each filter alone keeps 500 to 2 000 listings; together, MATCHING_ALL
    const query = discoveryPageQuery(api.ctx.knex, {
      page: 1,
      limit: 20,
      category: "category-0",
      tags: ["tag-0"],
      search: "summarize documents",
    });
    const { rows } = await api.ctx.knex.raw(`explain (analyze, format json) ${query.toString()}`);
    const scans = [...nodes(rows[0]["QUERY PLAN"][0].Plan)].filter((n) => n["Relation Name"] === "services");
    const index = [...nodes(rows[0]["QUERY PLAN"][0].Plan)].find((n) => n["Node Type"] === "Bitmap Index Scan");
    assert.equal(index?.["Index Name"], "services_active_discovery_index");
    assert.equal(scans.length, 1);
    assert.equal(scans[0]!["Actual Rows"], MATCHING_ALL);
    assert.equal(scans[0]!["Rows Removed by Filter"] ?? 0, 0);
  });

  it("answers that search over HTTP with the matches counted", async () => {
    const res = await api.request({
      method: "GET",
      url: "/api/v1/services/discover?category=category-0&tags=tag-0&search=summarize%20documents&limit=5",
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.pagination.total, MATCHING_ALL);
    assert.equal(body.services.length, 5);
    for (const s of body.services) {
      assert.equal(s.category, "category-0");
      assert.ok(s.tags.includes("tag-0"));
    }
  });
});
