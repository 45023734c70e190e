/**
 * The SSRF guard for URLs agents give us to call (callbackUrl): https only, no credentials,
 * and a host whose every address is a public internet address.
 *
 * Checking at save time is not enough: DNS can answer differently later (DNS rebinding), so
 * the sender also connects through `guardedLookup`, which vets the addresses the socket is
 * about to use. Error messages are written for the agent who sent the URL; the API returns
 * them as `400 {"error": message}`.
 */
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import { nonPublicReason } from "./ip-ranges.js";

/** Resolves a host name to all its addresses (A and AAAA). */
export type ResolveHost = (hostname: string) => Promise<string[]>;

export interface UrlPolicy {
  /** Accept http:// as well as https:// (local mode only). */
  allowHttp?: boolean;
  /** Accept loopback, private and other non-public addresses (local mode, tests). */
  allowPrivate?: boolean;
  /** The field named in error messages. */
  field?: string;
  /** How host names are resolved; the system resolver (getaddrinfo, as sockets use) by default. */
  resolve?: ResolveHost;
}

export interface VettedUrl {
  url: URL;
  /** Every address the host resolved to, all allowed by the policy. */
  addresses: string[];
}

/** A URL the policy refuses; its message is meant for the API user. */
export class CallbackUrlError extends Error {
  override name = "CallbackUrlError";
}

/** The URL points (or now resolves) to an address that is not public. */
export class UnsafeAddressError extends CallbackUrlError {
  override name = "UnsafeAddressError";
}

/** The host did not resolve; unlike the other refusals this may pass on a later try. */
export class UnresolvableHostError extends CallbackUrlError {
  override name = "UnresolvableHostError";
}

export const systemResolve: ResolveHost = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) =>
      err ? reject(err) : resolve(addresses.map((a) => a.address)),
    ),
  );

export async function checkCallbackUrl(input: string | URL, policy: UrlPolicy = {}): Promise<VettedUrl> {
  const field = policy.field ?? "callbackUrl";
  const url = parseUrl(input, field);
  if (url.protocol === "http:" && !policy.allowHttp)
    throw new CallbackUrlError(`${field} must use https (plain http is accepted only in local mode)`);
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new CallbackUrlError(`${field} must be an https URL, not ${url.protocol.replace(/:$/, "")}`);
  if (url.username || url.password) throw new CallbackUrlError(`${field} must not contain a user name or password`);
  // WHATWG URL parsing already turned 0177.1, 2130706433 and friends into dotted quads.
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const addresses = isIP(host) ? [host] : await resolveOrExplain(host, field, policy.resolve ?? systemResolve);
  if (!policy.allowPrivate) for (const address of addresses) refuseNonPublic(field, host, address);
  return { url, addresses };
}

function parseUrl(input: string | URL, field: string): URL {
  try {
    return new URL(input);
  } catch {
    throw new CallbackUrlError(`${field} must be an absolute URL such as https://myagent.dev/webhook`);
  }
}

async function resolveOrExplain(host: string, field: string, resolve: ResolveHost): Promise<string[]> {
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UnresolvableHostError(`${field} host ${host} does not resolve${code ? ` (${code})` : ""}`);
  }
  if (addresses.length === 0) throw new UnresolvableHostError(`${field} host ${host} has no addresses`);
  return addresses;
}

function refuseNonPublic(field: string, host: string, address: string): void {
  const reason = nonPublicReason(address);
  if (!reason) return;
  const where = host === address ? `${address} is` : `${host} resolves to ${address},`;
  throw new UnsafeAddressError(
    `${field} is not allowed: ${where} ${reason}. Webhooks are delivered only to public internet addresses`,
  );
}

/**
 * A `lookup` for `http.request`/`net.connect` that refuses to hand the socket a non-public
 * address, closing the gap between checking a URL and connecting to it. Literal IP hosts
 * never reach a lookup, so callers still run `checkCallbackUrl` first.
 */
export function guardedLookup(policy: Pick<UrlPolicy, "allowPrivate" | "resolve" | "field"> = {}): LookupFunction {
  const field = policy.field ?? "callbackUrl";
  const resolve = policy.resolve ?? systemResolve;
  const vet = async (hostname: string, family: number): Promise<LookupAddress[]> => {
    const found = (await resolveOrExplain(hostname, field, resolve))
      .map((address) => ({ address, family: isIP(address) }))
      .filter((a) => family === 0 || a.family === family);
    if (found.length === 0) throw new UnresolvableHostError(`${field} host ${hostname} has no IPv${family} address`);
    if (!policy.allowPrivate) for (const a of found) refuseNonPublic(field, hostname, a.address);
    return found;
  };
  return (hostname, options, callback) => {
    vet(hostname, familyNumber(options.family)).then(
      (found) => (options.all ? callback(null, found) : callback(null, found[0]!.address, found[0]!.family)),
      (e: Error) => callback(e as NodeJS.ErrnoException, ""),
    );
  };
}

function familyNumber(family: number | string | undefined): number {
  if (family === 4 || family === "IPv4") return 4;
  if (family === 6 || family === "IPv6") return 6;
  return 0;
}
