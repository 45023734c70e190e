/**
 * `@justpay/sdk/client` in a browser: the built package bundled by esbuild for platform
 * browser (a `node:` import reaching the client fails the bundle), loaded by a page in
 * headless Chromium, and driven against a real API. The page, its bundle and /api (proxied to
 * `startTestApi()`) share one loopback origin, so no CORS is involved.
 */
import { strict as assert } from "node:assert";
import { existsSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join, relative } from "node:path";
import { startTestApi, type TestApi } from "@justpay/api/testing";
import { build } from "esbuild";
import { type Browser, chromium } from "playwright-core";
import type { PageGlobals, PageResults } from "./browser/page-checks.js";
import { buildSdk, ROOT, SDK_DIST } from "./support/sdk-package.js";

const CHROMIUM = "/usr/bin/chromium";
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>JustPay client</title>
<script type="module" src="/bundle.js"></script></head><body><main><h1>JustPay client</h1></main></body></html>`;

/** Serves the page and its bundle, and passes /api/* on to the API unchanged. */
function startPageServer(bundle: string, apiPort: number): Promise<Server> {
  const server = createServer((req, res) => {
    const url = req.url ?? "/";
    if (url.startsWith("/api/")) {
      const upstream = request(
        { host: "127.0.0.1", port: apiPort, method: req.method, path: url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on("error", (e) => res.writeHead(502).end(String(e)));
      req.pipe(upstream);
    } else if (url === "/") res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(PAGE);
    else if (url === "/bundle.js") res.writeHead(200, { "content-type": "text/javascript" }).end(bundle);
    else res.writeHead(404).end();
  });
  return new Promise((ready) => server.listen(0, "127.0.0.1", () => ready(server)));
}

const portOf = (server: { address(): AddressInfo | string | null }) => (server.address() as AddressInfo).port;

describe("@justpay/sdk/client in a browser", function () {
  this.timeout(300_000);
  let api: TestApi;
  let pageServer: Server;
  let browser: Browser;
  let bundleInputs: string[];
  let origin: string;

  before(async () => {
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: scripts/setup.sh installs Debian's chromium`);
    await buildSdk();
    // No `@justpay/source` condition: the bundle is made from the package's build in sdk/dist.
    const bundled = await build({
      entryPoints: [join(__dirname, "browser/page-checks.ts")],
      absWorkingDir: ROOT,
      bundle: true,
      platform: "browser",
      format: "esm",
      target: "es2022",
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    bundleInputs = Object.keys(bundled.metafile.inputs);
    api = await startTestApi({ label: "browser" });
    await api.app.listen({ port: 0, host: "127.0.0.1" });
    pageServer = await startPageServer(bundled.outputFiles[0]!.text, portOf(api.app.server));
    origin = `http://127.0.0.1:${portOf(pageServer)}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  });

  after(async () => {
    await browser?.close();
    await new Promise((closed) => (pageServer ? pageServer.close(closed) : closed(undefined)));
    await api?.close();
  });

  it("bundles from the built client", () => {
    const client = relative(ROOT, join(SDK_DIST, "client.js"));
    assert.ok(bundleInputs.includes(client), `the bundle did not come from ${client}: ${bundleInputs.join(", ")}`);
    assert.deepEqual(
      bundleInputs.filter((input) => input.includes("/sdk/src/")),
      [],
    );
  });

  it("registers an agent, funds it and reads its balance through JustPayClient, on the page's origin", async () => {
    const page = await browser.newPage();
    const requested: string[] = [];
    const pageErrors: string[] = [];
    page.on("request", (r) => requested.push(r.url()));
    page.on("pageerror", (e) => pageErrors.push(String(e)));
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => typeof (globalThis as unknown as Partial<PageGlobals>).runChecks === "function");
    const name = `browser-${Date.now() % 1_000_000}`;
    const results: PageResults = await page.evaluate((n) => (globalThis as unknown as PageGlobals).runChecks(n), name);
    await page.close();
    assert.deepEqual(pageErrors, []);

    // usdc math in the browser: bigints, exact.
    assert.deepEqual(results.usdcMath, {
      half: { type: "bigint", value: "500000" },
      one: { type: "bigint", value: "1000000" },
      formatted: "0.50",
      sum: "1.75",
    });

    // The agent exists server-side, as the page was told.
    assert.match(results.registered.apiKey, /^jp_/);
    const me = await api.request({ method: "GET", url: `/api/v1/agents/${results.registered.agentId}` });
    assert.equal(me.statusCode, 200, me.body);
    assert.equal(me.json().name, name);

    // Balances arrive as bigints, equal to what the API answers for the same agent.
    for (const amount of Object.values(results.before)) assert.deepEqual(amount, { type: "bigint", value: "0" });
    const bearer = results.registered.apiKey;
    const balance = await api.request({ method: "GET", url: "/api/v1/wallet/balance", bearer });
    assert.equal(balance.statusCode, 200, balance.body);
    const wire = balance.json();
    for (const key of ["available", "pending", "escrowed", "total"])
      assert.deepEqual(results.after[key], { type: "bigint", value: wire[key] }, key);
    assert.ok(BigInt(wire.available) > 0n, "the deposit reached the balance");

    // Everything the page fetched came from its own origin.
    assert.ok(requested.some((u) => u.startsWith(`${origin}/api/v1/auth/register`)));
    assert.deepEqual(
      requested.filter((u) => !u.startsWith(`${origin}/`)),
      [],
    );
  });
});
