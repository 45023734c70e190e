/** Async iteration over the API's page-numbered lists (`?page=&limit=`, `pagination.total`). */

interface Paged {
  pagination: { page: number; limit: number; total: number };
}

/**
 * Every item from `page` (default 1) on: fetches the next page when the current one is used up,
 * and stops after the page that reaches `total` (or an empty page, should rows vanish meanwhile).
 */
export async function* iteratePages<P extends Paged, T>(
  fetchPage: (page: number) => Promise<P>,
  items: (page: P) => T[],
  firstPage = 1,
): AsyncGenerator<T, void, undefined> {
  for (let page = firstPage; ; page++) {
    const answer = await fetchPage(page);
    const rows = items(answer);
    yield* rows;
    const { limit, total } = answer.pagination;
    if (rows.length === 0 || page * limit >= total) return;
  }
}
