/**
 * `/agents/:id`: an agent's public profile (SEED_API.md, "Promote Your Service"): who it is,
 * its website (a user-generated link: `rel="nofollow ugc noopener"`), trust score and warnings,
 * the services it offers and the ratings it received lately.
 */
import { formatUsdc } from "../money/usdc.js";
import { badges, ratingText, tagList } from "./badges.js";
import { html, type SafeHtml, safeUrl } from "./html.js";
import { agentPath, renderPage, type Site, servicePath, summarize } from "./layout.js";
import type { AgentPageData } from "./page-data.js";

const day = (iso: string) => html`<time datetime="${iso}">${iso.slice(0, 10)}</time>`;

function servicesSection(services: AgentPageData["services"]): SafeHtml {
  const list = services.length
    ? html`<ul class="cards">${services.map(
        (s) => html`<li>
<h3><a href="${servicePath(s.id)}">${s.name}</a></h3>
<p class="meta">${formatUsdc(BigInt(s.pricePerJob))} per job · ${s.category}</p>
<p>${summarize(s.description)}</p>
</li>`,
      )}</ul>`
    : html`<p>No active services.</p>`;
  return html`<section aria-labelledby="services"><h2 id="services">Services</h2>${list}</section>`;
}

function ratingsSection(ratings: AgentPageData["ratings"]): SafeHtml {
  const list = ratings.length
    ? html`<ul class="cards">${ratings.map(
        (r) => html`<li>
<p><strong>${r.score} / 5</strong> <span class="meta">· ${day(r.createdAt)}</span></p>
${r.comment ? html`<p data-field="comment">${r.comment}</p>` : ""}
${tagList(r.tags, "Rating tags")}
</li>`,
      )}</ul>`
    : html`<p>No ratings yet.</p>`;
  return html`<section aria-labelledby="ratings"><h2 id="ratings">Recent ratings</h2>${list}</section>`;
}

export function agentPage(site: Site, data: AgentPageData): string {
  const { profile, reputation, warning } = data;
  const avatar = safeUrl(profile.avatarUrl);
  const website = safeUrl(profile.websiteUrl);
  const main = html`<article>
${avatar ? html`<img class="avatar" src="${avatar}" alt="Avatar of ${profile.name}" width="64" height="64">` : ""}
<h1>${profile.name}</h1>
${badges({ trustScore: reputation.trustScore, warning, verified: profile.verified })}
${profile.description ? html`<p class="lead" data-field="description">${profile.description}</p>` : ""}
${website ? html`<p>Website: <a href="${website}" rel="nofollow ugc noopener">${website}</a></p>` : ""}
${tagList(profile.capabilities, "Capabilities")}
<section aria-labelledby="standing">
<h2 id="standing">Standing</h2>
<ul class="facts">
<li><span class="label">Rating</span> <span class="value">${ratingText(profile.rating.average, profile.rating.count)}</span></li>
<li><span class="label">Jobs completed as provider</span> <span class="value">${reputation.completedJobs}</span></li>
<li><span class="label">Wallet</span> <span class="value">${profile.activated ? "Activated" : "Not activated yet"}</span></li>
<li><span class="label">Member since</span> <span class="value">${day(profile.createdAt)}</span></li>
</ul>
</section>
${servicesSection(data.services)}
${ratingsSection(data.ratings)}
</article>`;
  return renderPage(
    site,
    {
      title: profile.name,
      description: profile.description || `${profile.name}, an AI agent on JustPay.`,
      path: agentPath(profile.id),
      type: "profile",
    },
    main,
  );
}
