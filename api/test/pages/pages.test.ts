/**
 * The public web pages in a real browser (headless Chromium through playwright-core) against the
 * API listening on a real port, with data made through the real routes: a provider with two
 * services, a client who hired, accepted and rated, a report, and a proposal. Every field an
 * agent writes carries an injection attempt; the pages must show it as text and run nothing.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createServer } from "node:net";
import { promisify } from "node:util";
import type { Browser } from "playwright-core";
import { fundedAgent, hired, stepOk } from "../jobs/support.js";
import { listService } from "../services/support.js";
import type { TestAgent } from "../support/agents.js";
import { startTestApi, type TestApi } from "../support/test-api.js";
import { assertShareable, assertSoundPage, headMeta, launchBrowser, openPage, textOf } from "./browser.js";

/** Injection attempts, one per field, short enough for 50-character fields. */
const XSS = {
  description: `Provider <script id="xss">window.__xss=1</script> "quoted" & more`,
  website: `https://example.com/?q="><img id=xss src=x onerror=alert(1)>`,
  avatar: `http://127.0.0.1:1/a.png?"onerror="alert(1)`,
  serviceName: `Summarizer <img id=xss src=x onerror=alert(1)>`,
  serviceDescription: `Summarizes <script id="xss">window.__xss=1</script></p><h1 id=xss>injected</h1>`,
  category: `<b id=xss>cat</b>`,
  tags: [`<i id=xss>tag</i>`, `"><img id=xss src=x>`],
  inputKey: `<b id=xss>key</b>`,
  inputDescription: `<script id="xss">window.__xss=1</script>`,
  outputKey: `"><img id=xss src=x>`,
  outputDescription: `</code></pre><img id=xss src=x onerror=alert(1)>`,
  exampleValue: `</code></pre><script id="xss">window.__xss=1</script>'it's'`,
  model: `<img id=xss src=x>`,
  comment: `<script id="xss">window.__xss=1</script>great`,
  ratingTag: `<img id=xss src=x onerror=alert(2)>`,
  proposalTitle: `<img id=xss src=x onerror=alert(3)> Better search`,
  proposalDescription: `<script id="xss">window.__xss=1</script> please add`,
};

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

describe("public web pages in Chromium", function () {
  this.timeout(180_000);
  let api: TestApi;
  let browser: Browser;
  let base: string;
  let provider: TestAgent;
  let client: TestAgent;
  let clean: { id: string };
  let hostile: { id: string };

  const call = async (method: "GET" | "POST" | "PATCH", url: string, bearer?: string, payload?: object) => {
    const res = await api.request({ method, url, bearer, payload });
    assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };

  before(async () => {
    // Given the API on a real port, published at a configured base URL
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    api = await startTestApi({ label: "pages", env: { JUSTPAY_PUBLIC_BASE_URL: `${base}/` } });
    await api.app.listen({ port, host: "127.0.0.1" });
    browser = await launchBrowser();

    // And a provider whose every profile field is an injection attempt
    provider = await fundedAgent(api, "pages-provider");
    client = await fundedAgent(api, "pages-client");
    await call("PATCH", "/api/v1/agents/me", provider.apiKey, {
      description: XSS.description,
      websiteUrl: XSS.website,
      avatarUrl: XSS.avatar,
    });
    // And a clean service, hired, delivered, accepted and rated (the rating's text hostile)
    clean = await listService(api, provider, { name: "Clean Summarizer", pricePerJob: 500_000 });
    const job = await hired(api, client, clean.id);
    await stepOk(api, provider, job.id, "deliver", { output: { bullets: ["one"] } });
    await stepOk(api, client, job.id, "accept-delivery");
    await call("POST", `/api/v1/jobs/${job.id}/rate`, client.apiKey, {
      score: 5,
      comment: XSS.comment,
      tags: [XSS.ratingTag],
    });
    // And a service whose every field is hostile
    hostile = await listService(api, provider, {
      name: XSS.serviceName,
      description: XSS.serviceDescription,
      category: XSS.category,
      tags: XSS.tags,
      model: XSS.model,
      modelProvider: XSS.model,
      inputSchema: {
        type: "object",
        properties: { [XSS.inputKey]: { type: "string", description: XSS.inputDescription } },
        required: [XSS.inputKey],
      },
      outputSchema: {
        type: "object",
        properties: { [XSS.outputKey]: { type: "string", description: XSS.outputDescription } },
      },
      exampleInput: { [XSS.inputKey]: XSS.exampleValue },
    });
    // And one report against the provider, and a hostile proposal
    await call("POST", "/api/v1/reports", client.apiKey, {
      targetType: "agent",
      targetId: provider.id,
      reason: "spam",
    });
    await call("POST", "/api/v1/proposals", client.apiKey, {
      title: XSS.proposalTitle,
      description: XSS.proposalDescription,
      category: "feature",
    });
  });
  after(async () => {
    await browser?.close();
    await api?.close();
  });

  it("refuses markup in agent names at registration, so names need no test of their own", async () => {
    const res = await api.request({ method: "POST", url: "/api/v1/auth/register", payload: { name: "<b>x</b>" } });
    assert.equal(res.statusCode, 400, res.body);
  });

  it("/services/:id shows the listing, price, standing, schemas and a hire snippet that works", async () => {
    // When the clean service's page is opened
    const opened = await openPage(browser);
    const { page } = opened;
    const res = await page.goto(`${base}/services/${clean.id}`);
    // Then it is HTML with the pages' CSP
    assert.equal(res?.status(), 200);
    assert.equal(res?.headers()["content-type"], "text/html; charset=utf-8");
    assert.match(res?.headers()["content-security-policy"] ?? "", /default-src 'none'; style-src 'sha256-/);
    // And it shows what the JSON route says
    const json = await call("GET", `/api/v1/services/${clean.id}`);
    assert.equal(await textOf(page, "h1"), "Clean Summarizer");
    const facts = await textOf(page, "#facts + .facts");
    assert.match(facts, /Price per job\s+0\.50 USDC/);
    assert.match(facts, /Provider rating\s+5\.0 \/ 5/);
    assert.match(facts, /Jobs completed\s+1/);
    assert.equal(
      await textOf(page, '[data-badge="trust"]'),
      `Trust score ${json.provider.trustScore.toFixed(2)} / 1.00`,
    );
    assert.match(await textOf(page, '[data-badge="warning"]'), /Warning \(low\): 1\s+pending report$/);
    assert.equal(await page.getAttribute(`a[href="/agents/${provider.id}"]`, "href"), `/agents/${provider.id}`);
    // And the input schema as a table: name, type, required, description
    const inputRows = await page.$$eval('section[aria-labelledby="input-schema"] tbody tr', (rows) =>
      rows.map((r) => [...r.children].map((c) => c.textContent)),
    );
    assert.deepEqual(inputRows, [
      ["text", "string", "yes", ""],
      ["maxBullets", "number", "no", ""],
    ]);
    assert.match(await textOf(page, 'section[aria-labelledby="input-schema"] pre'), /"required": \[\n\s+"text"\n\s+\]/);
    // And the canonical, Open Graph and Twitter metadata
    assertShareable(await headMeta(page), `${base}/services/${clean.id}`, { title: "Clean Summarizer" });
    await assertSoundPage(opened, "service-page");

    // When the curl snippet is run as written, with a client's key
    const curl = await textOf(page, '[data-snippet="curl"]');
    assert.match(curl, new RegExp(`^curl -X POST '${base}/api/v1/jobs'`));
    const { stdout } = await promisify(execFile)("bash", ["-c", `${curl} -s`], {
      env: { ...process.env, JUSTPAY_API_KEY: client.apiKey },
    });
    // Then it hires the service
    const created = JSON.parse(stdout);
    assert.equal(created.serviceId, clean.id, stdout);
    assert.deepEqual(created.input, { text: "..." });
    const ts = await textOf(page, '[data-snippet="typescript"]');
    assert.match(ts, new RegExp(`fetch\\("${base}/api/v1/jobs"`));
    assert.match(ts, new RegExp(`"serviceId": "${clean.id}"`));
    await stepOk(api, client, created.id, "cancel");
  });

  it("/services/:id shows every hostile field as text, and its curl snippet still quotes them right", async () => {
    const opened = await openPage(browser);
    const { page } = opened;
    assert.equal((await page.goto(`${base}/services/${hostile.id}`))?.status(), 200);
    assert.equal(await textOf(page, "h1"), XSS.serviceName);
    assert.equal(await textOf(page, '[data-field="description"]'), XSS.serviceDescription);
    assert.equal(await textOf(page, '[data-field="category"]'), XSS.category);
    assert.deepEqual(await page.$$eval('ul[aria-label="Tags"] li', (li) => li.map((l) => l.textContent)), XSS.tags);
    const text = await textOf(page, "main");
    for (const literal of [XSS.inputKey, XSS.inputDescription, XSS.outputKey, XSS.outputDescription, XSS.model])
      assert.ok(text.includes(literal), `shows ${literal} literally`);
    assert.equal((await headMeta(page)).og.title, XSS.serviceName);
    await assertSoundPage(opened, "service-page-hostile");
    // The snippet carries the example input through shell quoting intact
    const curl = await textOf(page, '[data-snippet="curl"]');
    const { stdout } = await promisify(execFile)("bash", ["-c", `${curl} -s`], {
      env: { ...process.env, JUSTPAY_API_KEY: client.apiKey },
    });
    const created = JSON.parse(stdout);
    assert.deepEqual(created.input, { [XSS.inputKey]: XSS.exampleValue }, stdout);
    await stepOk(api, client, created.id, "cancel");
  });

  it("/agents/:id shows the profile, website, standing, services and ratings, hostile text as text", async () => {
    const opened = await openPage(browser);
    const { page } = opened;
    assert.equal((await page.goto(`${base}/agents/${provider.id}`))?.status(), 200);
    assert.equal(await textOf(page, "h1"), "pages-provider");
    assert.equal(await textOf(page, '[data-field="description"]'), XSS.description);
    // The website: a user-generated link, shown and linked exactly as saved
    const link = page.locator("main a", { hasText: "https://example.com/" });
    assert.equal(await link.getAttribute("href"), XSS.website);
    assert.equal(await link.getAttribute("rel"), "nofollow ugc noopener");
    assert.equal(await link.textContent(), XSS.website);
    assert.equal(await page.getAttribute("img.avatar", "src"), XSS.avatar);
    assert.equal(await page.getAttribute("img.avatar", "alt"), "Avatar of pages-provider");
    // Standing: trust as the JSON route has it, the warning, the rating
    const json = await call("GET", `/api/v1/services/${clean.id}`);
    assert.equal(
      await textOf(page, '[data-badge="trust"]'),
      `Trust score ${json.provider.trustScore.toFixed(2)} / 1.00`,
    );
    assert.ok(await page.isVisible('[data-badge="warning"]'));
    assert.match(await textOf(page, "#standing + .facts"), /5\.0 \/ 5 \(1 rating\)/);
    // Its two active services link to their pages
    const services = await page.$$eval('section[aria-labelledby="services"] h3 a', (links) =>
      links.map((a) => [a.textContent, a.getAttribute("href")]),
    );
    assert.deepEqual(services, [
      [XSS.serviceName, `/services/${hostile.id}`],
      ["Clean Summarizer", `/services/${clean.id}`],
    ]);
    // The rating's comment and tags, literally
    assert.equal(await textOf(page, '[data-field="comment"]'), XSS.comment);
    assert.equal(await textOf(page, 'ul[aria-label="Rating tags"] li'), XSS.ratingTag);
    assertShareable(await headMeta(page), `${base}/agents/${provider.id}`, {
      title: "pages-provider",
      type: "profile",
    });
    await assertSoundPage(opened, "agent-page");
  });

  it("/proposals shows the board with sort and filter links that work without script", async () => {
    const opened = await openPage(browser);
    const { page } = opened;
    assert.equal((await page.goto(`${base}/proposals`))?.status(), 200);
    assert.equal(await textOf(page, ".cards h3"), XSS.proposalTitle);
    assert.equal(await textOf(page, '.cards [data-field="description"]'), XSS.proposalDescription);
    assert.match(await textOf(page, ".cards .meta"), /0 votes · feature · open · by pages-client/);
    assert.equal(await textOf(page, '[aria-current="page"]'), "Most voted");
    assertShareable(await headMeta(page), `${base}/proposals`, { title: "Proposals" });
    await assertSoundPage(opened, "proposals-page");
    // When "Newest" and then status "accepted" are followed
    await page.click("text=Newest");
    assert.equal(page.url(), `${base}/proposals?sort=recent`);
    assert.equal((await headMeta(page)).canonical, `${base}/proposals?sort=recent`);
    await page.click('ul[aria-labelledby="status-label"] >> text=accepted');
    // Then the view keeps the sort, and no proposal matches
    assert.equal(page.url(), `${base}/proposals?sort=recent&status=accepted`);
    assert.equal(await textOf(page, "#results"), "0 proposals");
    // And a nonsense query shows the default board rather than failing
    assert.equal((await page.goto(`${base}/proposals?sort=bogus&page=-3&status=zzz`))?.status(), 200);
    assert.equal(await textOf(page, "#results"), "1 proposal");
  });

  it("/ shows the live platform numbers and the ways in", async () => {
    const stats = await call("GET", "/api/v1/stats");
    const opened = await openPage(browser);
    const { page } = opened;
    assert.equal((await page.goto(`${base}/`))?.status(), 200);
    const numbers = await textOf(page, "#numbers + .facts");
    assert.match(numbers, new RegExp(`Agents\\s+${stats.agents.total}\\s+${stats.agents.activated} activated`));
    assert.match(numbers, new RegExp(`Active services\\s+${stats.services.active}`));
    assert.match(numbers, new RegExp(`Jobs\\s+${stats.jobs.total}\\s+${stats.jobs.completed} completed`));
    assert.match(numbers, /Paid to agents\s+0\.50 USDC/);
    assert.match(numbers, /Open proposals\s+1/);
    for (const href of ["/api/v1/services/discover", "/docs", "/proposals"])
      assert.ok(await page.isVisible(`main a[href="${href}"]`), href);
    assertShareable(await headMeta(page), `${base}/`, { title: "Marketplace and payments for AI agents" });
    await assertSoundPage(opened, "landing-page");
  });

  it("answers an unknown id with an HTML 404 in the same layout, not indexed", async () => {
    for (const path of ["/services/no-such-service", `/agents/${"x".repeat(100)}`]) {
      const opened = await openPage(browser);
      const res = await opened.page.goto(`${base}${path}`);
      assert.equal(res?.status(), 404, path);
      assert.equal(res?.headers()["content-type"], "text/html; charset=utf-8");
      assert.equal(await textOf(opened.page, "h1"), "Not found");
      assert.equal((await headMeta(opened.page)).robots, "noindex");
      await assertSoundPage(opened, path.startsWith("/services") ? "not-found-service" : "not-found-agent");
    }
  });

  it("leaves /docs, /healthz, /metrics and the JSON routes as they were", async () => {
    for (const [url, type] of [
      ["/docs/", /text\/html/],
      ["/healthz", /application\/json/],
      ["/metrics", /text\/plain/],
      [`/api/v1/services/${clean.id}`, /application\/json/],
      [`/api/v1/agents/${provider.id}`, /application\/json/],
    ] as const) {
      const res = await fetch(`${base}${url}`);
      assert.equal(res.status, 200, url);
      assert.match(res.headers.get("content-type") ?? "", type, url);
    }
    const docs = await fetch(`${base}/docs/`);
    assert.match(docs.headers.get("content-security-policy") ?? "", /script-src 'self'/, "the docs keep helmet's CSP");
    const missing = await fetch(`${base}/api/v1/services/nope`);
    assert.equal(missing.status, 404);
    assert.deepEqual(await missing.json(), { error: "Service not found" });
  });
});
