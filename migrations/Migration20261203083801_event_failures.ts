import { Migration } from "@mikro-orm/migrations";

/**
 * A follower's consecutive handler failures on its next event (`event_cursors.failures`,
 * `failing_since`), and `skipped_events`, where an event that kept failing is set aside.
 */
export class Migration20261203083801_event_failures extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "skipped_events" ("id" bigserial primary key, "follower" text not null, "slot" bigint not null, "signature" text not null, "event_index" int not null, "name" text not null, "failures" int not null, "error" text not null, "skipped_at" timestamptz not null default now());`,
    );
    this.addSql(
      `alter table "skipped_events" add constraint "skipped_events_unique" unique ("follower", "signature", "event_index");`,
    );

    this.addSql(
      `alter table "event_cursors" add column "failures" int not null default 0, add column "failing_since" timestamptz null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "skipped_events" cascade;`);

    this.addSql(`alter table "event_cursors" drop column "failures", drop column "failing_since";`);
  }
}
