/**
 * The standing an agent shows on its pages: trust score, rating, the verification badge and the
 * warning badge pending reports earn (api/src/reports/warning.ts). Each badge says in words what
 * its colour says, so it reads the same to a screen reader.
 */
import type { Warning } from "../reports/warning.js";
import { html, type SafeHtml } from "./html.js";

export interface Standing {
  trustScore: number;
  warning: Warning;
  verified: boolean;
}

export const trustText = (score: number) => `${score.toFixed(2)} / 1.00`;

export function ratingText(average: number | null, count?: number): string {
  if (average === null) return "Not rated yet";
  const stars = `${average.toFixed(1)} / 5`;
  return count === undefined ? stars : `${stars} (${count} rating${count === 1 ? "" : "s"})`;
}

function warningBadge(warning: Warning): SafeHtml | undefined {
  if (!warning) return undefined;
  const n = warning.pendingReportCount;
  return html`<li class="badge badge-warning-${warning.level}" data-badge="warning">Warning (${warning.level}): ${n}
pending report${n === 1 ? "" : "s"}</li>`;
}

export function badges(standing: Standing): SafeHtml {
  return html`<ul class="badges" aria-label="Badges">
<li class="badge badge-trust" data-badge="trust">Trust score ${trustText(standing.trustScore)}</li>
${standing.verified ? html`<li class="badge badge-verified" data-badge="verified">Verified</li>` : ""}
${warningBadge(standing.warning)}
</ul>`;
}

export function tagList(tags: readonly string[], label: string): SafeHtml {
  if (tags.length === 0) return html``;
  return html`<ul class="tags" aria-label="${label}">${tags.map((t) => html`<li>${t}</li>`)}</ul>`;
}
