/**
 * Server-side prepared statements for every parameterised query a pooled connection runs.
 *
 * The API's queries are a small, fixed set of texts run thousands of times, and Postgres spent
 * more than half of its CPU re-parsing and re-planning them: knex sends each one as an
 * unnamed statement. Naming a text makes the pg driver send Parse once per connection and only
 * Bind/Execute afterwards, and lets Postgres keep a generic plan once it is no worse than the
 * custom ones (plan_cache_mode = auto).
 *
 * Only queries with bound values are named: those already travel over the extended protocol,
 * so a name changes nothing but caching. Texts without values (BEGIN, migrations, several
 * statements at once) keep the simple protocol. A connection names at most `limit` distinct
 * texts, so texts that vary without bound (a list of n placeholders) cannot grow a session's
 * memory forever; past the limit they run unnamed, as before.
 */

interface QueryConfig {
  text: string;
  values?: unknown[];
  name?: string;
  [option: string]: unknown;
}

interface QueryingClient {
  query(...args: unknown[]): unknown;
}

/** Distinct statement texts one connection keeps prepared. */
export const PREPARED_STATEMENT_LIMIT = 512;

const installed = new WeakSet<object>();

/** Makes `client` name its parameterised queries; idempotent per client. */
export function prepareStatements<C extends QueryingClient>(client: C, limit = PREPARED_STATEMENT_LIMIT): C {
  if (installed.has(client)) return client;
  installed.add(client);
  const names = new Map<string, string>();
  const nameOf = (text: string): string | undefined => {
    const known = names.get(text);
    if (known !== undefined || names.size >= limit) return known;
    const name = `justpay_${names.size}`;
    names.set(text, name);
    return name;
  };
  const query = client.query;
  client.query = function (this: C, first: unknown, ...rest: unknown[]) {
    const named = withName(first, rest[0], nameOf);
    if (named === undefined) return query.call(this, first, ...rest);
    // The values now travel inside the config; a callback, if any, stays the last argument.
    return query.call(this, named, ...(Array.isArray(rest[0]) ? rest.slice(1) : rest));
  };
  return client;
}

function withName(
  first: unknown,
  second: unknown,
  nameOf: (text: string) => string | undefined,
): QueryConfig | undefined {
  if (typeof first === "string") {
    if (!Array.isArray(second) || second.length === 0) return undefined;
    const name = nameOf(first);
    return name === undefined ? undefined : { text: first, values: second, name };
  }
  if (first === null || typeof first !== "object") return undefined;
  const config = first as QueryConfig;
  // A Submittable (a cursor, a stream) or an already named statement is the caller's own.
  if (typeof (config as { submit?: unknown }).submit === "function" || config.name !== undefined) return undefined;
  if (typeof config.text !== "string") return undefined;
  const values = config.values ?? (Array.isArray(second) ? second : undefined);
  if (!Array.isArray(values) || values.length === 0) return undefined;
  const name = nameOf(config.text);
  return name === undefined ? undefined : { ...config, values, name };
}
