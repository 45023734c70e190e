import { Migration } from "@mikro-orm/migrations";

/**
 * `event_cursors`: the persisted position of each follower of the indexed program events, such
 * as the job webhooks worker (api/src/workers/job-events.ts), and the lease of the pass running.
 */
export class Migration20261202043143_event_cursors extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "event_cursors" ("name" text not null, "slot" bigint not null default -1, "signature" text not null default '', "event_index" int not null default -1, "lease_owner" text null, "leased_until" timestamptz null, "updated_at" timestamptz not null default now(), constraint "event_cursors_pkey" primary key ("name"));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "event_cursors" cascade;`);
  }
}
