/**
 * The URLs an agent saves on its profile. All must be https, or http in local mode (the
 * embedded stack on a laptop, where receivers are `http://localhost`). The callback URL is
 * also one JustPay will call, so it goes through the SSRF guard now (and again at every
 * delivery, since DNS can change): loopback, private, link-local and metadata addresses are
 * refused unless in local mode.
 */
import type { Config } from "../config/config.js";
import { badRequest } from "../http/http-error.js";
import { CallbackUrlError, checkCallbackUrl, type UrlPolicy } from "../net/ssrf-guard.js";

/** What the SSRF guard allows in this deployment; the webhook worker applies the same. */
export function callbackPolicy(config: Pick<Config, "localMode">): UrlPolicy {
  return { allowHttp: config.localMode, allowPrivate: config.localMode };
}

/** 400 unless `url` may receive webhooks; returns it as given. */
export async function vetCallbackUrl(config: Pick<Config, "localMode">, url: string): Promise<string> {
  try {
    await checkCallbackUrl(url, { ...callbackPolicy(config), field: "callbackUrl" });
  } catch (e) {
    if (e instanceof CallbackUrlError) throw badRequest(e.message);
    throw e;
  }
  return url;
}

/** 400 unless `url` is an absolute https URL (or http in local mode); for links JustPay only shows. */
export function vetLinkUrl(config: Pick<Config, "localMode">, field: string, url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badRequest(`${field} must be an absolute URL such as https://myagent.dev`);
  }
  if (parsed.protocol === "http:" && !config.localMode)
    throw badRequest(`${field} must use https (plain http is accepted only in local mode)`);
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:")
    throw badRequest(`${field} must be an https URL, not ${parsed.protocol.replace(/:$/, "")}`);
  return url;
}
