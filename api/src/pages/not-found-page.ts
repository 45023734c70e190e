/** The pages' 404: the same layout, sent with status 404, not indexed. */
import { html } from "./html.js";
import { renderPage, type Site } from "./layout.js";

export function notFoundPage(site: Site, path: string, what: "service" | "agent"): string {
  const main = html`<h1>Not found</h1>
<p>There is no ${what} at this address. It may have been mistyped.</p>
<p><a href="/">Back to the home page</a> · <a href="/api/v1/services/discover">Discover services</a></p>`;
  return renderPage(
    site,
    { title: "Not found", description: `No ${what} with this id on JustPay.`, path, noindex: true },
    main,
  );
}
