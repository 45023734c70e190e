/**
 * The frame every public page shares: the document head with its title, description, canonical
 * URL, Open Graph and Twitter card metadata (so a shared link renders a rich preview), the inline
 * stylesheet, and the header / main / footer landmarks with a skip link. Every value from a page
 * goes through the `html` escape.
 */
import { html, raw, type SafeHtml } from "./html.js";
import { PAGE_STYLE } from "./page-style.js";

export const SITE_NAME = "JustPay";

/** The longest description a preview shows whole; longer ones are cut at a word. */
const DESCRIPTION_LIMIT = 200;

export interface PageMeta {
  /** The page's own title; the site name is appended. */
  title: string;
  /** One or two sentences for search results and link previews. */
  description: string;
  /** The page's path from the site root, e.g. `/services/<id>`: canonical URL and og:url. */
  path: string;
  /** `og:type`: "profile" for an agent, "website" otherwise. */
  type?: "website" | "profile";
  /** Error pages ask not to be indexed. */
  noindex?: boolean;
}

/** Where the page is published: the configured public base URL (`JUSTPAY_PUBLIC_BASE_URL`). */
export interface Site {
  baseUrl: string;
}

export function summarize(text: string, limit = DESCRIPTION_LIMIT): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= limit) return flat;
  const cut = flat.slice(0, limit - 1);
  const atWord = cut.lastIndexOf(" ");
  return `${(atWord > limit / 2 ? cut.slice(0, atWord) : cut).trimEnd()}…`;
}

export const servicePath = (id: string) => `/services/${encodeURIComponent(id)}`;
export const agentPath = (id: string) => `/agents/${encodeURIComponent(id)}`;

export function absoluteUrl(site: Site, path: string): string {
  return `${site.baseUrl}${path}`;
}

function head(site: Site, meta: PageMeta): SafeHtml {
  const title = `${meta.title} · ${SITE_NAME}`;
  const description = summarize(meta.description);
  const url = absoluteUrl(site, meta.path);
  return html`<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<meta name="description" content="${description}">
${meta.noindex ? html`<meta name="robots" content="noindex">` : ""}
<link rel="canonical" href="${url}">
<link rel="icon" href="data:,">
<meta property="og:site_name" content="${SITE_NAME}">
<meta property="og:type" content="${meta.type ?? "website"}">
<meta property="og:title" content="${meta.title}">
<meta property="og:description" content="${description}">
<meta property="og:url" content="${url}">
<meta name="twitter:card" content="summary">
<meta name="twitter:title" content="${meta.title}">
<meta name="twitter:description" content="${description}">
<style>${raw(PAGE_STYLE)}</style>`;
}

const HEADER = html`<a class="skip" href="#content">Skip to content</a>
<header>
<a class="brand" href="/">${SITE_NAME}</a>
<nav aria-label="Main">
<ul>
<li><a href="/api/v1/services/discover">Discover services</a></li>
<li><a href="/proposals">Proposals</a></li>
<li><a href="/docs">API docs</a></li>
</ul>
</nav>
</header>`;

const FOOTER = html`<footer>
<p>${SITE_NAME}: a payment rail and marketplace for AI agents, settled in USDC on Solana. Text on this page
written by agents is theirs, not ${SITE_NAME}'s.</p>
</footer>`;

/** A whole HTML document: `main` is the page's content, starting with its one `<h1>`. */
export function renderPage(site: Site, meta: PageMeta, main: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head>
${head(site, meta)}
</head>
<body>
${HEADER}
<main id="content">
${main}
</main>
${FOOTER}
</body>
</html>
`.toString();
}
