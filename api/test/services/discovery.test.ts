import assert from "node:assert/strict";
import type { TestAgent } from "../support/agents.js";
import { startTestApi, type TestApi } from "../support/test-api.js";
import { activatedAgent, listService } from "./support.js";

/** The market: five active services (created a minute apart, in this order) and a retired one. */
const MARKET = {
  summarizer: {
    name: "Document Summarizer",
    description: "Turns long reports into bullet points",
    category: "text-processing",
    tags: ["summarization", "nlp"],
    model: "gpt-4",
    modelProvider: "openai",
    pricePerJob: 500_000,
  },
  upscaler: {
    name: "Image Upscaler",
    description: "Upscales images to 4K resolution",
    category: "image-generation",
    tags: ["images"],
    model: "stable-diffusion",
    modelProvider: "stability",
    pricePerJob: 3_000_000,
  },
  translator: {
    name: "Translator",
    description: "Translates text and acts as a summarizer of the translation",
    category: "text-processing",
    tags: ["translation", "nlp"],
    model: "claude-3",
    modelProvider: "anthropic",
    pricePerJob: 2_000_000,
  },
  logos: {
    name: "Logo Maker",
    description: "Generates minimalist logos in vector format",
    category: "image-generation",
    tags: ["design"],
    model: "dall-e-3",
    modelProvider: "openai",
    pricePerJob: 5_000_000,
  },
  reviewer: {
    name: "Code Reviewer",
    description: "Reviews pull requests for bugs",
    category: "code",
    tags: ["review"],
    pricePerJob: 1000,
  },
} as const;
type Name = keyof typeof MARKET;

describe("GET /api/v1/services/discover, /categories", function () {
  this.timeout(120_000);
  let api: TestApi;
  let alice: TestAgent;
  let bob: TestAgent;
  const ids = {} as Record<Name | "retired", string>;
  const nameOf = new Map<string, Name | "retired">();

  before(async () => {
    api = await startTestApi({ label: "svc_discover" });
    alice = await activatedAgent(api, "alice");
    bob = await activatedAgent(api, "bob");
    const start = Date.parse("2026-01-01T00:00:00Z");
    const entries: [string, Record<string, unknown>][] = [
      ...Object.entries(MARKET),
      ["retired", { ...MARKET.summarizer, name: "Summarizer Retired" }],
    ];
    for (const [i, [name, fields]] of entries.entries()) {
      const service = await listService(api, name === "reviewer" || name === "retired" ? bob : alice, fields);
      ids[name as Name] = service.id;
      nameOf.set(service.id, name as Name);
      // Creation times a minute apart, so "newest" has one answer
      await api.ctx.knex.raw("update services set created_at = ? where id = ?", [
        new Date(start + i * 60_000),
        service.id,
      ]);
    }
    const retired = await api.request({ method: "DELETE", url: `/api/v1/services/${ids.retired}`, bearer: bob.apiKey });
    assert.equal(retired.statusCode, 200);
  });
  after(async () => api?.close());

  async function discover(query: string) {
    const res = await api.request({ method: "GET", url: `/api/v1/services/discover${query ? `?${query}` : ""}` });
    assert.equal(res.statusCode, 200, `${query}: ${res.body}`);
    const body = res.json();
    return { names: body.services.map((s: { id: string }) => nameOf.get(s.id)), body };
  }
  const names = async (query: string) => (await discover(query)).names;

  it("lists active services newest first with the seed's paging defaults, publicly", async () => {
    const { names: found, body } = await discover("");
    assert.deepEqual(found, ["reviewer", "logos", "translator", "upscaler", "summarizer"]);
    assert.deepEqual(body.pagination, { page: 1, limit: 20, total: 5 });
  });

  it("carries each provider's trust score, rating and completed jobs", async () => {
    const { body } = await discover("category=code");
    assert.deepEqual(body.services[0].provider, {
      id: bob.id,
      name: "bob",
      verified: false,
      trustScore: 0.4,
      rating: null,
      completedJobs: 0,
      warning: null,
    });
    assert.equal(body.services[0].pricePerJob, "1000");
    assert.deepEqual(body.services[0].inputSchema.required, ["text"]);
  });

  it("hides deactivated services", async () => {
    assert.ok(!(await names("search=retired")).includes("retired"));
    assert.ok(!(await names("category=text-processing&limit=100")).includes("retired"));
  });

  describe("each filter alone", () => {
    const cases: [string, Name[]][] = [
      ["category=text-processing", ["translator", "summarizer"]],
      ["category=Text-Processing", ["translator", "summarizer"]],
      ["category=none", []],
      ["model=GPT-4", ["summarizer"]],
      ["modelProvider=openai", ["logos", "summarizer"]],
      ["tags=nlp", ["translator", "summarizer"]],
      ["tags=design,%20Review", ["reviewer", "logos"]],
      ["minPrice=2000000", ["logos", "translator", "upscaler"]],
      ["maxPrice=500000", ["reviewer", "summarizer"]],
      ["minPrice=1000&maxPrice=1000", ["reviewer"]],
      ["search=upscale", ["upscaler"]],
      ["search=&category=&tags=", ["reviewer", "logos", "translator", "upscaler", "summarizer"]],
    ];
    for (const [query, expected] of cases)
      it(`${query} → ${expected.join(", ") || "nothing"}`, async () => assert.deepEqual(await names(query), expected));
  });

  describe("filters combined", () => {
    const cases: [string, Name[]][] = [
      ["category=text-processing&modelProvider=anthropic&tags=nlp&maxPrice=2000000", ["translator"]],
      ["category=text-processing&minPrice=600000", ["translator"]],
      ["modelProvider=openai&category=image-generation", ["logos"]],
      ["search=summarizer&category=text-processing&model=gpt-4", ["summarizer"]],
      ["search=summarizer&maxPrice=1000", []],
      ["tags=nlp,design&minPrice=1000000&sortBy=price", ["translator", "logos"]],
    ];
    for (const [query, expected] of cases)
      it(`${query} → ${expected.join(", ") || "nothing"}`, async () => assert.deepEqual(await names(query), expected));
  });

  describe("sorts", () => {
    it("price: cheapest first", async () => {
      assert.deepEqual(await names("sortBy=price"), ["reviewer", "summarizer", "translator", "upscaler", "logos"]);
    });
    it("newest: newest first", async () => {
      assert.deepEqual(await names("sortBy=newest"), ["reviewer", "logos", "translator", "upscaler", "summarizer"]);
    });
    it("rating and completedJobs: providers without ratings or jobs tie, so newest breaks the tie", async () => {
      for (const sortBy of ["rating", "completedJobs"])
        assert.deepEqual(await names(`sortBy=${sortBy}`), [
          "reviewer",
          "logos",
          "translator",
          "upscaler",
          "summarizer",
        ]);
    });
    it("refuses an unknown sort", async () => {
      const res = await api.request({ method: "GET", url: "/api/v1/services/discover?sortBy=cheapest" });
      assert.equal(res.statusCode, 400);
      assert.match(
        res.json().error,
        /^sortBy: Invalid value\. Expected 'price' \| 'rating' \| 'completedJobs' \| 'newest'/,
      );
    });
  });

  describe("full-text search", () => {
    it("ranks a name match above a description-only match, though the latter is newer", async () => {
      // "summarizer" is in the summarizer's name and only in the (newer) translator's description
      assert.deepEqual(await names("search=summarizer"), ["summarizer", "translator"]);
      // Stemming: "summarize" and "summarizing" find the same
      assert.deepEqual(await names("search=summarizing"), ["summarizer", "translator"]);
    });
    it("takes web-search syntax: all words, or, -excluded, phrases", async () => {
      assert.deepEqual(await names("search=summarizer%20translation"), ["translator"]);
      assert.deepEqual(await names("search=logos%20or%20upscales"), ["logos", "upscaler"]);
      assert.deepEqual(await names("search=summarizer%20-translates"), ["summarizer"]);
      assert.deepEqual(await names(`search=${encodeURIComponent('"bullet points"')}`), ["summarizer"]);
      assert.deepEqual(await names("search=the"), [], "stop words alone match nothing");
      assert.deepEqual(await names(`search=${encodeURIComponent("(&|!:*'")}`), [], "operators are not syntax errors");
    });
    it("lets sortBy override relevance", async () => {
      assert.deepEqual(await names("search=summarizer&sortBy=newest"), ["translator", "summarizer"]);
      assert.deepEqual(await names("search=summarizer&sortBy=price"), ["summarizer", "translator"]);
    });
  });

  describe("paging", () => {
    it("pages in order with the total, and answers past the end with nothing", async () => {
      const pages = await Promise.all([1, 2, 3, 4].map((page) => discover(`limit=2&page=${page}`)));
      assert.deepEqual(
        pages.map((p) => p.names),
        [["reviewer", "logos"], ["translator", "upscaler"], ["summarizer"], []],
      );
      for (const [i, p] of pages.entries()) assert.deepEqual(p.body.pagination, { page: i + 1, limit: 2, total: 5 });
      assert.equal((await discover("limit=100")).names.length, 5);
    });
    it("refuses limits and pages outside their bounds, and min above max", async () => {
      for (const [query, error] of [
        ["limit=101", "limit: Number must be less than or equal to 100"],
        ["limit=0", "limit: Number must be greater than or equal to 1"],
        ["page=0", "page: Number must be greater than or equal to 1"],
        ["minPrice=-1", "minPrice: Number must be greater than or equal to 0"],
        ["minPrice=5&maxPrice=4", "minPrice: must not exceed maxPrice"],
        [`tags=${Array.from({ length: 11 }, (_, i) => `t${i}`).join(",")}`, "tags: at most 10 tags"],
      ]) {
        const res = await api.request({ method: "GET", url: `/api/v1/services/discover?${query}` });
        assert.equal(res.statusCode, 400, query);
        assert.deepEqual(res.json(), { error }, query);
      }
    });
  });

  describe("categories", () => {
    it("counts active services per category, busiest first, then by name", async () => {
      const res = await api.request({ method: "GET", url: "/api/v1/services/categories" });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), {
        categories: [
          { name: "image-generation", count: 2 },
          { name: "text-processing", count: 2 },
          { name: "code", count: 1 },
        ],
      });
    });
    it("drops a category whose last active service is deactivated", async () => {
      const extra = await listService(api, bob, { category: "Audio" });
      const withAudio = (await api.request({ method: "GET", url: "/api/v1/services/categories" })).json();
      assert.deepEqual(
        withAudio.categories.find((c: { name: string }) => c.name === "audio"),
        { name: "audio", count: 1 },
      );
      await api.request({ method: "DELETE", url: `/api/v1/services/${extra.id}`, bearer: bob.apiKey });
      const after = (await api.request({ method: "GET", url: "/api/v1/services/categories" })).json();
      assert.ok(!after.categories.some((c: { name: string }) => c.name === "audio"));
    });
  });
});
