/** `GET /api/v1/services/categories`: every category with active services, busiest first. */
import type { Knex } from "@mikro-orm/postgresql";
import { z } from "zod";

export const CategoriesSchema = z.object({
  categories: z.array(
    z.object({ name: z.string(), count: z.number().int().describe("Active services in the category") }),
  ),
});

export async function listCategories(knex: Knex): Promise<z.infer<typeof CategoriesSchema>> {
  const { rows } = await knex.raw(
    `select category as name, count(*)::int as count from services where is_active
     group by category order by count desc, name asc`,
  );
  return { categories: rows as { name: string; count: number }[] };
}
