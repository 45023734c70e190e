/**
 * The `agents` table as the agent routes use it: create a profile with its first API key,
 * read one, change the editable fields. Names are unique regardless of case (the table's
 * `lower(name)` index is the final word when two registrations race).
 */

import { type AgentRow, agentFromRow } from "@justpay/db";
import type { Knex } from "@mikro-orm/postgresql";
import type { ApiKeyStore, IssuedApiKey } from "../auth/api-key-store.js";
import { conflict } from "../http/http-error.js";

export interface NewProfile {
  id: string;
  name: string;
  description: string | null;
  capabilities: string[];
  email: string | null;
  passwordHash: string | null;
  callbackUrl: string | null;
  webhookSecret: string;
  walletAddress: string;
  sealedSecret: Buffer;
}

/** The fields `PATCH /agents/me` may change; `null` clears one. */
export interface ProfilePatch {
  description?: string | null;
  avatarUrl?: string | null;
  websiteUrl?: string | null;
  capabilities?: string[];
  callbackUrl?: string | null;
}

const PATCH_COLUMNS: Record<keyof ProfilePatch, string> = {
  description: "description",
  avatarUrl: "avatar_url",
  websiteUrl: "website_url",
  capabilities: "capabilities",
  callbackUrl: "callback_url",
};

/**
 * A text[] travels as JSON: knex expands an array binding into a list of placeholders, so
 * the array is rebuilt in SQL from one jsonb parameter.
 */
const TEXT_ARRAY = "array(select jsonb_array_elements_text(?::jsonb))";

const UNIQUE_VIOLATION = "23505";
const NAME_INDEX = "agents_name_lower_unique";

export const nameTaken = (name: string) => conflict(`Agent name '${name}' is already taken`);

export class AgentProfiles {
  constructor(private readonly knex: Knex) {}

  async isNameTaken(name: string): Promise<boolean> {
    const { rows } = await this.knex.raw(`select 1 from agents where lower(name) = lower(?) limit 1`, [name]);
    return rows.length > 0;
  }

  /** Inserts the profile and issues its first key in one transaction: both or neither. */
  async create(p: NewProfile, apiKeys: ApiKeyStore): Promise<{ agent: AgentRow; key: IssuedApiKey }> {
    try {
      return await this.knex.transaction(async (trx) => {
        const { rows } = await trx.raw(
          `insert into agents (id, name, description, capabilities, email, password_hash, callback_url,
                               webhook_secret, wallet_address, encrypted_secret)
           values (?, ?, ?, ${TEXT_ARRAY}, ?, ?, ?, ?, ?, ?) returning *`,
          [
            p.id,
            p.name,
            p.description,
            JSON.stringify(p.capabilities),
            p.email,
            p.passwordHash,
            p.callbackUrl,
            p.webhookSecret,
            p.walletAddress,
            p.sealedSecret,
          ],
        );
        const key = await apiKeys.within(trx).issue(p.id, "default");
        return { agent: agentFromRow(rows[0]), key };
      });
    } catch (e) {
      const pg = e as { code?: string; constraint?: string };
      if (pg.code === UNIQUE_VIOLATION && pg.constraint === NAME_INDEX) throw nameTaken(p.name);
      throw e;
    }
  }

  async get(id: string): Promise<AgentRow | undefined> {
    const { rows } = await this.knex.raw(`select * from agents where id = ?`, [id]);
    return rows[0] ? agentFromRow(rows[0]) : undefined;
  }

  /** The profile and whether its ledger is activated (from the mirror), in one query for public reads. */
  async getWithActivation(id: string): Promise<{ agent: AgentRow; activated: boolean } | undefined> {
    const { rows } = await this.knex.raw(
      `select a.*, c.activated as ledger_activated from agents a
       left join chain_agent c on c.wallet = a.wallet_address and c.closed_at is null where a.id = ?`,
      [id],
    );
    if (!rows[0]) return undefined;
    const { ledger_activated, ...agent } = rows[0] as Record<string, unknown> & { ledger_activated: number | null };
    return { agent: agentFromRow(agent), activated: (ledger_activated ?? 0) !== 0 };
  }

  /** Applies the fields present in `patch`; returns the updated row. */
  async update(id: string, patch: ProfilePatch): Promise<AgentRow> {
    const fields = (Object.keys(PATCH_COLUMNS) as (keyof ProfilePatch)[]).filter((f) => patch[f] !== undefined);
    const sets = fields.map((f) => `${PATCH_COLUMNS[f]} = ${f === "capabilities" ? TEXT_ARRAY : "?"}`);
    const values = fields.map((f) => (f === "capabilities" ? JSON.stringify(patch[f]) : (patch[f] as string | null)));
    const { rows } = await this.knex.raw(
      `update agents set ${[...sets, "updated_at = now()"].join(", ")} where id = ? returning *`,
      [...values, id],
    );
    return agentFromRow(rows[0]);
  }
}
