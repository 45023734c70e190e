import { Migration } from "@mikro-orm/migrations";

/** Open jobs: nullable service and provider, the marketplace fields, apply_by; and their applications. */
export class Migration20261202030750_open_jobs extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "job_applications" ("id" text not null, "job_id" text not null, "agent_id" text not null, "message" text not null, "status" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "job_applications_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "job_applications" add constraint "job_applications_job_agent_unique" unique ("job_id", "agent_id");`,
    );

    this.addSql(
      `alter table "jobs" add column "title" text null, add column "category" text null, add column "description" text null, add column "apply_by" timestamptz null;`,
    );
    this.addSql(`alter table "jobs" alter column "service_id" type text using ("service_id"::text);`);
    this.addSql(`alter table "jobs" alter column "service_id" drop not null;`);
    this.addSql(`alter table "jobs" alter column "provider_agent_id" type text using ("provider_agent_id"::text);`);
    this.addSql(`alter table "jobs" alter column "provider_agent_id" drop not null;`);
    this.addSql(`create index "jobs_type_apply_by_index" on "jobs" ("type", "apply_by");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "job_applications" cascade;`);

    this.addSql(`drop index "jobs_type_apply_by_index";`);
    this.addSql(
      `alter table "jobs" drop column "title", drop column "category", drop column "description", drop column "apply_by";`,
    );

    this.addSql(`alter table "jobs" alter column "service_id" type text using ("service_id"::text);`);
    this.addSql(`alter table "jobs" alter column "service_id" set not null;`);
    this.addSql(`alter table "jobs" alter column "provider_agent_id" type text using ("provider_agent_id"::text);`);
    this.addSql(`alter table "jobs" alter column "provider_agent_id" set not null;`);
  }
}
