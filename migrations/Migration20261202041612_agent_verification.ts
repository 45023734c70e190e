import { Migration } from "@mikro-orm/migrations";

/** Admin verification of agents (api/src/agents/verification.ts): the trust score's verification input and badge. */
export class Migration20261202041612_agent_verification extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "agents" add column "verified_at" timestamptz null, add column "verification_note" text null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "agents" drop column "verified_at", drop column "verification_note";`);
  }
}
