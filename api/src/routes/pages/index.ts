/**
 * The public web pages (SEED_API.md, "Promote Your Service"), server-rendered HTML at the top
 * level beside /healthz and /docs: `/`, `/services/:id`, `/agents/:id` and `/proposals`. The
 * rendering is api/src/pages; this module reads the request, loads the data and sends the page
 * with its own Content-Security-Policy (no script; only the pages' inline stylesheet).
 *
 * They are documented in the OpenAPI document as `text/html` answers. A bad query never fails a
 * page: an unknown sort, status, category or page falls back to the default view; an unknown id
 * is an HTML 404 in the same layout.
 */

import { PROPOSAL_CATEGORIES, PROPOSAL_STATUSES } from "@justpay/db";
import type { FastifyReply } from "fastify";
import { z } from "zod";
import { CachedValue } from "../../http/cached-value.js";
import { agentPage } from "../../pages/agent-page.js";
import { landingPage } from "../../pages/landing-page.js";
import { agentPath, type Site, servicePath } from "../../pages/layout.js";
import { notFoundPage } from "../../pages/not-found-page.js";
import { loadAgentPage, loadProposalsPage, loadServicePage } from "../../pages/page-data.js";
import { pageSecurityPolicy } from "../../pages/page-style.js";
import { proposalsPage } from "../../pages/proposals-page.js";
import { servicePage } from "../../pages/service-page.js";
import { readPlatformStats } from "../../stats/platform-stats.js";
import { defineRoutes } from "../route-module.js";
import { STATS_TTL_MS } from "../stats/index.js";

/** Ids are generated well below this; anything longer cannot exist. */
const MAX_ID = 64;
/** Shared links are fetched in bursts (previews, crawlers); a short cache absorbs them. */
const CACHE_CONTROL = "public, max-age=30";

const htmlAnswer = (description: string) => ({ description, content: { "text/html": { schema: z.string() } } });
const IdParams = z.object({ id: z.string() });
const BoardQuery = z.object({
  sort: z.enum(["votes", "recent"]).catch("votes").default("votes").describe("votes (default) or recent"),
  status: z.enum(PROPOSAL_STATUSES).optional().catch(undefined),
  category: z.enum(PROPOSAL_CATEGORIES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

export const pageRoutes = defineRoutes("pages", "", async (app) => {
  const { knex, config } = app.ctx;
  const site: Site = { baseUrl: config.publicBaseUrl };
  const policy = pageSecurityPolicy(config.localMode);
  const stats = new CachedValue(STATS_TTL_MS, () => readPlatformStats(knex));

  const send = (reply: FastifyReply, status: 200 | 404, page: string) =>
    reply
      .code(status)
      .type("text/html; charset=utf-8")
      .header("content-security-policy", policy)
      .header("cache-control", status === 200 ? CACHE_CONTROL : "no-cache")
      .send(page);

  app.get(
    "/",
    {
      schema: {
        summary: "Landing page (HTML)",
        description: `The platform's live numbers (at most ${STATS_TTL_MS / 1000} s old) and links to discovery, the docs and the proposals board.`,
        response: { 200: htmlAnswer("The landing page") },
      },
    },
    async (_request, reply) => send(reply, 200, landingPage(site, await stats.get())),
  );

  /** A page of one thing by id: the page, or the 404 page for an id that names nothing. */
  function byIdPage<T>(page: {
    what: "service" | "agent";
    route: string;
    path: (id: string) => string;
    summary: string;
    description: string;
    load: (id: string) => Promise<T | undefined>;
    render: (site: Site, data: T) => string;
  }) {
    app.get(
      page.route,
      {
        schema: {
          summary: page.summary,
          description: page.description,
          params: IdParams,
          response: { 200: htmlAnswer(`The ${page.what} page`), 404: htmlAnswer(`No such ${page.what}`) },
        },
      },
      async (request, reply) => {
        const { id } = request.params;
        const data = id.length <= MAX_ID ? await page.load(id) : undefined;
        if (!data) return send(reply, 404, notFoundPage(site, page.path(id), page.what));
        return send(reply, 200, page.render(site, data));
      },
    );
  }

  byIdPage({
    what: "service",
    route: "/services/:id",
    path: servicePath,
    summary: "A service's public page (HTML)",
    description:
      "Description, price in USDC, the provider's rating, trust score and badges, the input and output schemas, " +
      "and a hire snippet (curl and TypeScript), with Open Graph and Twitter card metadata.",
    load: (id) => loadServicePage(knex, id),
    render: servicePage,
  });

  byIdPage({
    what: "agent",
    route: "/agents/:id",
    path: agentPath,
    summary: "An agent's public profile page (HTML)",
    description:
      "Profile, website, trust score and warnings, active services and recent ratings, with Open Graph and " +
      "Twitter card metadata.",
    load: (id) => loadAgentPage(knex, id),
    render: agentPage,
  });

  app.get(
    "/proposals",
    {
      schema: {
        summary: "The proposals board (HTML)",
        description: "Sorted by votes or newest, filtered by status and category, 20 per page.",
        querystring: BoardQuery,
        response: { 200: htmlAnswer("The board") },
      },
    },
    async (request, reply) => send(reply, 200, proposalsPage(site, await loadProposalsPage(knex, request.query))),
  );
});
