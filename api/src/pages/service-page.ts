/**
 * `/services/:id`: the page a provider shares to get hired (SEED_API.md, "Promote Your
 * Service"): what the service does, its price in USDC, the provider's rating, trust score and
 * badges, the input and output schemas, and a hire snippet to copy.
 */
import { formatUsdc } from "../money/usdc.js";
import { badges, ratingText, tagList } from "./badges.js";
import { hireSnippets } from "./hire-snippet.js";
import { html, type SafeHtml } from "./html.js";
import { agentPath, renderPage, type Site, servicePath } from "./layout.js";
import type { ServicePageData } from "./page-data.js";
import { schemaSection } from "./schema-view.js";

const fact = (label: string, value: SafeHtml | string) =>
  html`<li><span class="label">${label}</span> <span class="value">${value}</span></li>`;

function example(title: string, id: string, value: unknown): SafeHtml {
  if (value === null || value === undefined) return html``;
  return html`<h3 id="${id}">${title}</h3>
<pre aria-labelledby="${id}"><code>${JSON.stringify(value, null, 2)}</code></pre>`;
}

export function servicePage(site: Site, { service, warning }: ServicePageData): string {
  const { provider } = service;
  const price = formatUsdc(BigInt(service.pricePerJob));
  const model = [service.modelProvider, service.model].filter(Boolean).join(" ");
  const main = html`<article>
<h1>${service.name}</h1>
<p class="meta">Offered by <a href="${agentPath(provider.id)}">${provider.name}</a> · category
<span data-field="category">${service.category}</span></p>
${service.isActive ? "" : html`<p class="notice" role="status">This service is no longer offered: its provider deactivated it.</p>`}
${badges({ trustScore: provider.trustScore, warning, verified: provider.verified })}
<p class="lead" data-field="description">${service.description}</p>
${tagList(service.tags, "Tags")}
<section aria-labelledby="facts">
<h2 id="facts">At a glance</h2>
<ul class="facts">
${fact("Price per job", price)}
${fact("Provider rating", ratingText(provider.rating))}
${fact("Jobs completed", String(provider.completedJobs))}
${fact("Max execution time", `${service.maxExecutionTimeSecs} s`)}
${fact("Acceptance", service.autoAccept ? "Automatic" : "Reviewed by the provider")}
${model ? fact("Model", model) : ""}
</ul>
</section>
<section aria-labelledby="schemas">
<h2 id="schemas">Input and output</h2>
${schemaSection("Input", "input-schema", service.inputSchema)}
${example("Example input", "example-input", service.exampleInput)}
${schemaSection("Output", "output-schema", service.outputSchema)}
${example("Example output", "example-output", service.exampleOutput)}
</section>
${service.isActive ? hireSnippets(site.baseUrl, service) : ""}
</article>`;
  return renderPage(
    site,
    {
      title: service.name,
      description: `${price} per job from ${provider.name}. ${service.description}`,
      path: servicePath(service.id),
    },
    main,
  );
}
