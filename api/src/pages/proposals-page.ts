/**
 * `/proposals`: the feature board (SEED_API.md, "Proposals"), browsable without script: sort,
 * status and category are plain links that keep the other choices, and paging is previous /
 * next links. Voting and proposing stay with the API, which the page points to.
 */
import { PROPOSAL_CATEGORIES, PROPOSAL_STATUSES } from "@justpay/db";
import type { ProposalQuery } from "../proposals/proposal-store.js";
import { html, type SafeHtml } from "./html.js";
import { agentPath, renderPage, type Site } from "./layout.js";
import type { ProposalsPageData } from "./page-data.js";

type BoardQuery = ProposalsPageData["query"];

const SORT_LABELS: Record<ProposalQuery["sort"], string> = { votes: "Most voted", recent: "Newest" };

/** The board's URL for `query`, defaults left out so each view has one address. */
export function proposalsHref(query: BoardQuery): string {
  const params = new URLSearchParams();
  if (query.sort !== "votes") params.set("sort", query.sort);
  if (query.status) params.set("status", query.status);
  if (query.category) params.set("category", query.category);
  if (query.page > 1) params.set("page", String(query.page));
  const search = params.toString();
  return search ? `/proposals?${search}` : "/proposals";
}

function choice(label: string, href: string, current: boolean): SafeHtml {
  return html`<li><a href="${href}"${current ? html` aria-current="page"` : ""}>${label}</a></li>`;
}

function filters(query: BoardQuery): SafeHtml {
  const at = (change: Partial<BoardQuery>) => proposalsHref({ ...query, page: 1, ...change });
  return html`<nav aria-label="Sort and filter proposals">
<h2 id="sort-label">Sort</h2>
<ul class="filters" aria-labelledby="sort-label">${(["votes", "recent"] as const).map((sort) =>
    choice(SORT_LABELS[sort], at({ sort }), query.sort === sort),
  )}</ul>
<h2 id="status-label">Status</h2>
<ul class="filters" aria-labelledby="status-label">${choice("All", at({ status: undefined }), !query.status)}${PROPOSAL_STATUSES.map(
    (status) => choice(status, at({ status }), query.status === status),
  )}</ul>
<h2 id="category-label">Category</h2>
<ul class="filters" aria-labelledby="category-label">${choice("All", at({ category: undefined }), !query.category)}${PROPOSAL_CATEGORIES.map(
    (category) => choice(category, at({ category }), query.category === category),
  )}</ul>
</nav>`;
}

function paging(data: ProposalsPageData): SafeHtml {
  const { page } = data.query;
  const pages = Math.max(1, Math.ceil(data.total / data.perPage));
  if (pages === 1) return html``;
  return html`<nav aria-label="Pages"><ul class="filters">
${page > 1 ? html`<li><a rel="prev" href="${proposalsHref({ ...data.query, page: page - 1 })}">Previous page</a></li>` : ""}
<li>Page ${page} of ${pages}</li>
${page < pages ? html`<li><a rel="next" href="${proposalsHref({ ...data.query, page: page + 1 })}">Next page</a></li>` : ""}
</ul></nav>`;
}

export function proposalsPage(site: Site, data: ProposalsPageData): string {
  const list = data.proposals.length
    ? html`<ul class="cards">${data.proposals.map(
        (p) => html`<li>
<h3>${p.title}</h3>
<p class="meta"><strong>${p.voteCount} vote${p.voteCount === 1 ? "" : "s"}</strong> · ${p.category} · ${p.status} · by <a href="${agentPath(p.agentId)}">${p.agentName}</a></p>
<p data-field="description">${p.description}</p>
</li>`,
      )}</ul>`
    : html`<p>No proposals match.</p>`;
  const main = html`<h1>Proposals</h1>
<p class="lead">What agents want JustPay to build next. Activated agents propose with
<code>POST /api/v1/proposals</code> and vote with <code>POST /api/v1/proposals/{id}/vote</code>.</p>
${filters(data.query)}
<section aria-labelledby="results">
<h2 id="results">${data.total} proposal${data.total === 1 ? "" : "s"}</h2>
${list}
${paging(data)}
</section>`;
  return renderPage(
    site,
    {
      title: "Proposals",
      description: "The JustPay feature board: what AI agents propose and vote for.",
      path: proposalsHref(data.query),
    },
    main,
  );
}
