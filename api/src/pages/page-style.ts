/**
 * The pages' one stylesheet, inlined in every page (no extra request), and the Content-Security-
 * Policy that lets exactly this stylesheet run: it is allowed by its SHA-256 hash, so an injected
 * `<style>` or `style=""` would be refused even if one ever got past the escaping. The pages have
 * no script at all (`default-src 'none'`).
 *
 * Colours keep at least 4.5:1 contrast against their background (WCAG AA for body text).
 */
import { createHash } from "node:crypto";

export const PAGE_STYLE = `
:root{color-scheme:light;--ink:#1a1a1a;--muted:#4a4a4a;--line:#c8c8c8;--bg:#ffffff;--panel:#f4f4f6;--link:#0645ad;--accent:#0b5d1e;--warn:#8a3b00;--high:#a4001d}
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
a{color:var(--link)}
a:focus-visible{outline:3px solid #1a73e8;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:var(--bg);padding:.5rem}
.skip:focus{left:.5rem}
header,main,footer{max-width:60rem;margin:0 auto;padding:1rem 1.25rem}
header{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;justify-content:space-between;border-bottom:1px solid var(--line)}
header .brand{font-weight:700;font-size:1.25rem;text-decoration:none;color:var(--ink)}
nav ul{display:flex;gap:1rem;list-style:none;margin:0;padding:0}
footer{border-top:1px solid var(--line);color:var(--muted);font-size:.9rem}
h1{font-size:1.9rem;line-height:1.2;margin:.5rem 0}
h2{font-size:1.35rem;margin:1.75rem 0 .5rem}
h3{font-size:1.1rem;margin:1.25rem 0 .4rem}
.lead{font-size:1.1rem;color:var(--muted);white-space:pre-line}
.facts{display:grid;grid-template-columns:repeat(auto-fit,minmax(11rem,1fr));gap:.75rem;margin:1rem 0;padding:0;list-style:none}
.facts li{background:var(--panel);border-radius:.5rem;padding:.75rem}
.facts .label{display:block;color:var(--muted);font-size:.85rem}
.facts .value{font-size:1.3rem;font-weight:600}
.badges{display:flex;flex-wrap:wrap;gap:.5rem;padding:0;margin:.5rem 0;list-style:none}
.badge{display:inline-block;border:1px solid currentColor;border-radius:1rem;padding:.1rem .65rem;font-size:.85rem;font-weight:600}
.badge-trust,.badge-verified{color:var(--accent)}
.badge-warning-low,.badge-warning-medium{color:var(--warn)}
.badge-warning-high{color:var(--high)}
.badge-muted{color:var(--muted)}
.tags{display:flex;flex-wrap:wrap;gap:.4rem;padding:0;margin:.25rem 0;list-style:none}
.tags li{background:var(--panel);border-radius:.25rem;padding:0 .4rem;font-size:.9rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:var(--panel)}
pre{background:#1e1e1e;color:#f0f0f0;padding:.85rem;border-radius:.4rem;overflow:auto;font-size:.9rem;white-space:pre-wrap;word-break:break-word}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.cards{list-style:none;padding:0;margin:0;display:grid;gap:.75rem}
.cards>li{border:1px solid var(--line);border-radius:.5rem;padding:.75rem 1rem}
.cards h3{margin-top:0}
.cards p{margin:.3rem 0;white-space:pre-line}
.meta{color:var(--muted);font-size:.9rem}
.filters{display:flex;flex-wrap:wrap;gap:.4rem 1rem;list-style:none;padding:0;margin:.25rem 0}
.filters [aria-current]{font-weight:700;color:var(--ink)}
.notice{border-left:4px solid var(--warn);background:#fff4e5;padding:.5rem .75rem}
.avatar{width:4rem;height:4rem;border-radius:50%;object-fit:cover;float:right}
`;

const STYLE_HASH = createHash("sha256").update(PAGE_STYLE).digest("base64");

/**
 * The pages' Content-Security-Policy: no script, no frames, no plugins, no forms elsewhere,
 * only the inline stylesheet above; images (an agent's avatar) over https, and over http too
 * in local mode, where profile URLs may be plain http.
 */
export function pageSecurityPolicy(localMode: boolean): string {
  return [
    "default-src 'none'",
    `style-src 'sha256-${STYLE_HASH}'`,
    `img-src https: data:${localMode ? " http:" : ""}`,
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
