/**
 * Admin verification of an agent (issue 10, "Trust Score": the 10 % verification bonus, shown
 * as a badge). Granting and revoking write `agents.verified_at` and recompute the agent's
 * reputation in the same transaction, so discovery, trust gates and profiles never show a
 * verification the trust score does not count yet, or the other way round.
 *
 * Both are idempotent: granting again keeps the first `verified_at` (and replaces the note only
 * when a new one is given); revoking an unverified agent changes nothing but still answers.
 */
import type { Knex } from "@mikro-orm/postgresql";
import { NEW_AGENT_TRUST_SCORE, recomputeReputation } from "../trust/agent-reputation.js";

export interface VerificationState {
  agentId: string;
  verified: boolean;
  verifiedAt: string | null;
  note: string | null;
  trustScore: number;
}

/**
 * Grant (`verified: true`) or revoke the verification of `agentId`; null when no such agent.
 * The agent's row is locked by the update, so racing grants and revokes apply one after another.
 */
export async function setVerification(
  knex: Knex,
  agentId: string,
  change: { verified: true; note?: string } | { verified: false },
): Promise<VerificationState | null> {
  return knex.transaction(async (trx) => {
    const update = change.verified
      ? {
          verified_at: trx.raw("coalesce(verified_at, now())"),
          verification_note: trx.raw("coalesce(?, verification_note)", [change.note ?? null]),
        }
      : { verified_at: null, verification_note: null };
    const [row] = (await trx("agents")
      .where({ id: agentId })
      .update({ ...update, updated_at: trx.fn.now() })
      .returning(["id", "verified_at", "verification_note"])) as {
      id: string;
      verified_at: Date | string | null;
      verification_note: string | null;
    }[];
    if (!row) return null;
    await recomputeReputation(trx, agentId);
    const reputation = await trx("agent_reputation").where({ agent_id: agentId }).first("trust_score");
    return {
      agentId,
      verified: row.verified_at !== null,
      verifiedAt: row.verified_at === null ? null : new Date(row.verified_at).toISOString(),
      note: row.verification_note,
      trustScore: reputation?.trust_score ?? NEW_AGENT_TRUST_SCORE,
    };
  });
}
