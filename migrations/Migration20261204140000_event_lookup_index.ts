import { Migration } from "@mikro-orm/migrations";
import { CREATE_BTREE_GIN_SQL } from "./Migration20261204120000_discovery_index.js";

/**
 * An account's events of one kind in one index lookup: a GIN over (mentions, name). The API
 * asks the log for "the JobSettled event of this job", "the latest of this task's
 * TaskPaid / TaskRejected / TaskExpired", "the DisputeOpened of this job" on every settlement
 * and campaign step. With a GIN on mentions and a btree on name apart, the planner took the
 * name index and tested `mentions` row by row: every lookup read all the platform's events of
 * that kind, a cost growing with the platform's whole history. One multicolumn GIN intersects
 * both conditions inside the index, and serves a name alone (the stats' sums) or mentions
 * alone (a wallet's history) as well.
 *
 * `fastupdate = off`: the log is searched on every step, and GIN's pending list would be
 * scanned by every search until vacuum merges it.
 */
export class Migration20261204140000_event_lookup_index extends Migration {
  override async up(): Promise<void> {
    this.addSql(CREATE_BTREE_GIN_SQL);
    this.addSql(
      `create index "events_mentions_name_idx" on "events" using gin ("mentions", "name") with (fastupdate = off);`,
    );
    this.addSql(`drop index if exists "events_mentions_idx";`);
    this.addSql(`drop index if exists "events_name_idx";`);
  }

  override async down(): Promise<void> {
    this.addSql(`create index "events_name_idx" on "events" ("name");`);
    this.addSql(`create index "events_mentions_idx" on "events" using gin ("mentions");`);
    this.addSql(`drop index if exists "events_mentions_name_idx";`);
  }
}
