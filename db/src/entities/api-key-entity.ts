/**
 * API keys, stored as a lookup prefix and the SHA-256 of the whole key: the key itself is
 * shown once at creation and never stored, so a database leak yields no usable key.
 */
import { EntitySchema } from "@mikro-orm/core";

export interface ApiKeyRow {
  id: string;
  agent_id: string;
  /** The key's first characters (`jp_` + 8), shown to the agent to tell its keys apart. */
  prefix: string;
  /** Hex SHA-256 of the full key. */
  hash: string;
  name: string | null;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export const ApiKey = new EntitySchema<ApiKeyRow>({
  name: "ApiKey",
  tableName: "api_keys",
  properties: {
    id: { type: "string", columnType: "text", primary: true },
    agent_id: { type: "string", columnType: "text", index: "api_keys_agent_id_index" },
    prefix: { type: "string", columnType: "text", index: "api_keys_prefix_index" },
    hash: { type: "string", columnType: "text" },
    name: { type: "string", columnType: "text", nullable: true },
    created_at: { type: "Date", columnType: "timestamptz", defaultRaw: "now()" },
    last_used_at: { type: "Date", columnType: "timestamptz", nullable: true },
    revoked_at: { type: "Date", columnType: "timestamptz", nullable: true },
  },
});
