import { Migration } from "@mikro-orm/migrations";

export class Migration20261202012007_config_handover extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "chain_config" add column "pending_admin" text not null, add column "min_job_amount" numeric(20,0) not null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "chain_config" drop column "pending_admin", drop column "min_job_amount";`);
  }
}
