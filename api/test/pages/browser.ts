/**
 * The pages tests' browser: headless Debian Chromium driven by playwright-core (setup.sh installs
 * it), and what every page must satisfy whatever its content: the head's metadata, the
 * accessible frame (lang, landmarks, one h1, no skipped heading level, alt text), the inline
 * stylesheet really applied under the CSP, no CSP violation, no dialog, and a screenshot saved
 * under tests/artifacts/.
 */
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";

export const ARTIFACTS = resolve(__dirname, "../../../tests/artifacts");

export async function launchBrowser(): Promise<Browser> {
  await mkdir(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
}

/** A page that records every dialog (an `alert()` an injection would raise) and console CSP report. */
export async function openPage(browser: Browser): Promise<{ page: Page; dialogs: string[]; cspErrors: string[] }> {
  const page = await browser.newPage();
  const dialogs: string[] = [];
  const cspErrors: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) cspErrors.push(message.text());
  });
  return { page, dialogs, cspErrors };
}

export interface HeadMeta {
  title: string;
  description: string | null;
  canonical: string | null;
  robots: string | null;
  og: Record<string, string | null>;
  twitter: Record<string, string | null>;
}

/**
 * Scripts for `page.evaluate` are written as text: tsx's transform would wrap named functions
 * in a helper (`__name`) that does not exist in the page.
 */
const HEAD_META = `(() => {
  const content = (selector) => document.querySelector(selector)?.getAttribute("content") ?? null;
  const pick = (attr, prefix, keys) =>
    Object.fromEntries(keys.map((key) => [key, content(\`meta[\${attr}="\${prefix}:\${key}"]\`)]));
  return {
    title: document.title,
    description: content('meta[name="description"]'),
    canonical: document.querySelector('link[rel="canonical"]')?.getAttribute("href") ?? null,
    robots: content('meta[name="robots"]'),
    og: pick("property", "og", ["title", "description", "url", "type", "site_name"]),
    twitter: pick("name", "twitter", ["card", "title", "description"]),
  };
})()`;

export async function headMeta(page: Page): Promise<HeadMeta> {
  return page.evaluate(HEAD_META) as Promise<HeadMeta>;
}

const FRAME = `(() => {
  const levels = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].map((h) => Number(h.tagName[1]));
  return {
    lang: document.documentElement.lang,
    landmarks: ["header", "main", "footer", "nav"].map((tag) => document.querySelectorAll(tag).length > 0),
    h1s: document.querySelectorAll("h1").length,
    levels,
    imagesWithoutAlt: [...document.querySelectorAll("img")].filter((img) => !img.getAttribute("alt")).length,
    styled: getComputedStyle(document.querySelector("header")).borderBottomStyle,
    scripts: document.querySelectorAll("script").length,
    injected: document.querySelectorAll("#xss").length,
    xssFlag: window.__xss ?? null,
  };
})()`;

interface Frame {
  lang: string;
  landmarks: boolean[];
  h1s: number;
  levels: number[];
  imagesWithoutAlt: number;
  styled: string;
  scripts: number;
  injected: number;
  xssFlag: unknown;
}

/** The metadata a shared link previews with, for a page published at `url`. */
export function assertShareable(meta: HeadMeta, url: string, expected: { title: string; type?: string }): void {
  assert.equal(meta.title, `${expected.title} · JustPay`);
  assert.equal(meta.canonical, url);
  assert.deepEqual(
    { url: meta.og.url, title: meta.og.title, type: meta.og.type, site: meta.og.site_name },
    { url, title: expected.title, type: expected.type ?? "website", site: "JustPay" },
  );
  assert.ok(meta.description && meta.description.length > 10, "a meta description");
  assert.equal(meta.og.description, meta.description);
  assert.deepEqual(meta.twitter, { card: "summary", title: expected.title, description: meta.description });
}

/** The frame every page has, and what must never happen on one: an injected element, script or dialog. */
export async function assertSoundPage(
  opened: { page: Page; dialogs: string[]; cspErrors: string[] },
  screenshot: string,
): Promise<void> {
  const { page } = opened;
  const frame = (await page.evaluate(FRAME)) as Frame;
  assert.equal(frame.lang, "en");
  assert.deepEqual(frame.landmarks, [true, true, true, true], "header, main, footer and nav landmarks");
  assert.equal(frame.h1s, 1, "one h1");
  frame.levels.forEach((level, i) => {
    if (i > 0) assert.ok(level <= (frame.levels[i - 1] ?? 0) + 1, `heading levels skip: ${frame.levels}`);
  });
  assert.equal(frame.imagesWithoutAlt, 0, "every image has alt text");
  assert.equal(frame.styled, "solid", "the inline stylesheet applies: its CSP hash matches");
  assert.deepEqual(opened.cspErrors, [], "no CSP violation");
  assert.equal(frame.scripts, 0, "no script element at all");
  assert.equal(frame.injected, 0, "no injected element");
  assert.equal(frame.xssFlag, null, "no injected script ran");
  assert.deepEqual(opened.dialogs, [], "no dialog opened");
  await page.screenshot({ path: join(ARTIFACTS, `${screenshot}.png`), fullPage: true });
}

/** The element's text ("" when absent), whitespace as in the markup. */
export async function textOf(page: Page, selector: string): Promise<string> {
  return (await page.textContent(selector)) ?? "";
}
