/** `GET /api/v1/services/categories`: every category with active services, busiest first. */

import type { CategoriesSchema } from "@justpay/sdk/schemas";
import type { Knex } from "@mikro-orm/postgresql";
import type { z } from "zod";

export async function listCategories(knex: Knex): Promise<z.infer<typeof CategoriesSchema>> {
  const { rows } = await knex.raw(
    `select category as name, count(*)::int as count from services where is_active
     group by category order by count desc, name asc`,
  );
  return { categories: rows as { name: string; count: number }[] };
}
