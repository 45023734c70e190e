/**
 * An agent's marketplace profile and its custodial wallet. Money state (balances,
 * activation, addresses on-chain) is NOT here: it lives on the chain and is read from the
 * indexed mirror (`chain_agent`, keyed by `wallet_address`).
 */
import { EntitySchema } from "@mikro-orm/core";

export interface AgentRow {
  id: string;
  /** Unique regardless of case ("My-Agent" and "my-agent" are the same name). */
  name: string;
  description: string | null;
  capabilities: string[];
  email: string | null;
  /** argon2id; null when the agent registered without a password. */
  password_hash: string | null;
  avatar_url: string | null;
  website_url: string | null;
  /** Default webhook target for the agent's notifications. */
  callback_url: string | null;
  /** Signs outgoing webhooks; readable and rotatable by the agent. */
  webhook_secret: string | null;
  /** The custodial wallet's public key (base58). */
  wallet_address: string;
  /** The wallet's secret as sealed by the custody module; stored exactly as it gives it. */
  encrypted_secret: Buffer;
  /** When an admin verified the agent (the trust score's verification bonus); null when not verified. */
  verified_at: Date | null;
  /** The admin's note on the verification, if any. */
  verification_note: string | null;
  created_at: Date;
  updated_at: Date;
}

export const Agent = new EntitySchema<AgentRow>({
  name: "Agent",
  tableName: "agents",
  properties: {
    id: { type: "string", columnType: "text", primary: true },
    name: { type: "string", columnType: "text" },
    description: { type: "string", columnType: "text", nullable: true },
    capabilities: { type: "string[]", columnType: "text[]", defaultRaw: "'{}'" },
    email: { type: "string", columnType: "text", nullable: true },
    password_hash: { type: "string", columnType: "text", nullable: true },
    avatar_url: { type: "string", columnType: "text", nullable: true },
    website_url: { type: "string", columnType: "text", nullable: true },
    callback_url: { type: "string", columnType: "text", nullable: true },
    webhook_secret: { type: "string", columnType: "text", nullable: true },
    wallet_address: { type: "string", columnType: "text", unique: "agents_wallet_address_unique" },
    encrypted_secret: { type: "Buffer", columnType: "bytea" },
    verified_at: { type: "Date", columnType: "timestamptz", nullable: true },
    verification_note: { type: "string", columnType: "text", nullable: true },
    created_at: { type: "Date", columnType: "timestamptz", defaultRaw: "now()" },
    updated_at: { type: "Date", columnType: "timestamptz", defaultRaw: "now()" },
  },
  indexes: [
    {
      name: "agents_name_lower_unique",
      expression: 'create unique index "agents_name_lower_unique" on "agents" (lower("name"))',
    },
  ],
});

/**
 * An `agents` row from raw SQL as an `AgentRow`. The ORM's pg driver hands timestamps to raw
 * queries as strings (it hydrates them itself for entity reads), so they are parsed here.
 */
export function agentFromRow(row: Record<string, unknown>): AgentRow {
  const r = row as unknown as AgentRow;
  return {
    ...r,
    verified_at: r.verified_at ? new Date(r.verified_at) : null,
    created_at: new Date(r.created_at),
    updated_at: new Date(r.updated_at),
  };
}
