/**
 * `fetch` for web3.js's Connection that retries network-level failures: a reset connection,
 * or a keep-alive socket the server closed just as a request went out. web3.js itself only
 * retries HTTP 429. Retrying is safe for every call RpcChain makes: reads are idempotent, and
 * re-sending the same signed transaction lands it at most once. HTTP errors are not retried.
 */
import type { FetchFn } from "@solana/web3.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function retryingFetch(attempts = 3, backoffMs = 100): FetchFn {
  return async (input, init) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fetch(input, init);
      } catch (e) {
        if (attempt >= attempts || init?.signal?.aborted) throw e;
        await sleep(backoffMs * attempt);
      }
    }
  };
}
