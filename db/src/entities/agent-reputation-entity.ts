/** `agent_reputation` for the ORM that generates and checks migrations (see db/entities.ts). */
import { EntitySchema } from "@mikro-orm/core";

export interface AgentReputationRow {
  agent_id: string;
  /** Null until first computed; readers fall back to the no-history score. */
  trust_score: number | null;
  rating: number | null;
  rating_count: number;
  completed_jobs: number;
  /** Set by the jobs trigger when a job of this agent changed; cleared by a recompute. */
  stale: boolean;
  updated_at: Date;
}

export const AgentReputation = new EntitySchema<AgentReputationRow>({
  name: "AgentReputation",
  tableName: "agent_reputation",
  properties: {
    agent_id: { type: "string", columnType: "text", primary: true },
    trust_score: { type: "double", columnType: "float8", nullable: true },
    rating: { type: "double", columnType: "float8", nullable: true },
    rating_count: { type: "number", columnType: "int", default: 0 },
    completed_jobs: { type: "number", columnType: "int", default: 0 },
    stale: { type: "boolean", columnType: "boolean", default: true },
    updated_at: { type: "Date", columnType: "timestamptz", defaultRaw: "now()" },
  },
  indexes: [{ name: "agent_reputation_stale_index", properties: ["stale"] }],
});
