/**
 * API keys in Postgres: issue, authenticate, list, revoke. The key itself exists only in the
 * value `issue` returns; the table holds its prefix and hash (see api-keys.ts).
 */

import type { ApiKeyRow } from "@justpay/db";
import { type AgentRow, agentFromRow } from "@justpay/db";
import type { Knex } from "@mikro-orm/postgresql";
import { newId } from "../db/ids.js";
import { apiKeyMatches, generateApiKey, looksLikeApiKey, lookupPrefix } from "./api-keys.js";

export interface IssuedApiKey {
  keyId: string;
  /** Shown to the agent once. */
  apiKey: string;
  keyPrefix: string;
}

export interface Authenticated {
  agent: AgentRow;
  keyId: string;
  /** Whether the agent's on-chain ledger is activated, as mirrored (auth/activation.ts). */
  activated: boolean;
}

export type RevokeOutcome = "revoked" | "not_found" | "already_revoked" | "last_active_key";

/** `last_used_at` is refreshed at most this often, so authenticated reads stay reads. */
const LAST_USED_RESOLUTION_MS = 60_000;

export class ApiKeyStore {
  constructor(private readonly knex: Knex) {}

  /** The same store inside a caller's transaction (e.g. registration: agent + first key). */
  within(trx: Knex): ApiKeyStore {
    return new ApiKeyStore(trx);
  }

  async issue(agentId: string, name: string | null = null): Promise<IssuedApiKey> {
    const { key, prefix, hash } = generateApiKey();
    const id = newId();
    await this.knex.raw(`insert into api_keys (id, agent_id, prefix, hash, name) values (?, ?, ?, ?, ?)`, [
      id,
      agentId,
      prefix,
      hash,
      name,
    ]);
    return { keyId: id, apiKey: key, keyPrefix: prefix };
  }

  /** The agent a presented key belongs to, if the key exists and is not revoked. */
  async authenticate(presented: string): Promise<Authenticated | undefined> {
    if (!looksLikeApiKey(presented)) return undefined;
    const { rows } = await this.knex.raw(
      // Activation rides along: nearly every authenticated route also requires it.
      `select k.id as key_id, k.hash as key_hash, k.last_used_at as key_last_used_at,
              coalesce((select ca.activated <> 0 from chain_agent ca
                         where ca.wallet = a.wallet_address and ca.closed_at is null limit 1), false) as key_activated,
              a.*
       from api_keys k join agents a on a.id = k.agent_id
       where k.prefix = ? and k.revoked_at is null`,
      [lookupPrefix(presented)],
    );
    // Every candidate is compared, so timing does not tell how many share the prefix.
    let found: Authenticated | undefined;
    let lastUsed: Date | string | null = null;
    type Row = AgentRow & { key_id: string; key_hash: string; key_last_used_at: string | null; key_activated: boolean };
    for (const row of rows as Row[]) {
      const { key_id, key_hash, key_last_used_at, key_activated, ...agent } = row;
      if (apiKeyMatches(presented, key_hash) && !found) {
        found = { agent: agentFromRow(agent), keyId: key_id, activated: key_activated };
        lastUsed = key_last_used_at;
      }
    }
    if (found && (!lastUsed || Date.now() - new Date(lastUsed).getTime() > LAST_USED_RESOLUTION_MS)) {
      // Bookkeeping only: a failure here must not fail the request.
      this.knex.raw(`update api_keys set last_used_at = now() where id = ?`, [found.keyId]).then(
        () => {},
        () => {},
      );
    }
    return found;
  }

  async list(agentId: string): Promise<ApiKeyRow[]> {
    const { rows } = await this.knex.raw(`select * from api_keys where agent_id = ? order by created_at, id`, [
      agentId,
    ]);
    return rows;
  }

  /**
   * Revokes one of the agent's keys, unless it is the last active one. The agent's key rows
   * are locked first, so two concurrent revocations cannot leave it with none.
   */
  async revoke(agentId: string, keyId: string): Promise<RevokeOutcome> {
    return this.knex.transaction(async (trx) => {
      const { rows } = await trx.raw(`select id, revoked_at from api_keys where agent_id = ? for update`, [agentId]);
      const keys = rows as { id: string; revoked_at: Date | null }[];
      const target = keys.find((k) => k.id === keyId);
      if (!target) return "not_found";
      if (target.revoked_at) return "already_revoked";
      if (keys.filter((k) => !k.revoked_at).length <= 1) return "last_active_key";
      await trx.raw(`update api_keys set revoked_at = now() where id = ?`, [keyId]);
      return "revoked";
    });
  }
}
