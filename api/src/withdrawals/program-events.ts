/** A program event of one transaction, as the indexer recorded it (read after `waitForSlot`). */
import type { Knex } from "@mikro-orm/postgresql";

export async function eventOf(
  knex: Knex,
  signature: string,
  name: string,
): Promise<Record<string, unknown> | undefined> {
  // Compared without case: the IDL names events in PascalCase, Anchor's client in camelCase.
  const { rows } = await knex.raw(`select data from events where signature = ? and lower(name) = lower(?) limit 1`, [
    signature,
    name,
  ]);
  return rows[0]?.data;
}
