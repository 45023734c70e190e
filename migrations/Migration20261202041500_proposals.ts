import { Migration } from "@mikro-orm/migrations";

/**
 * The proposals board (api/src/proposals/): proposals and their votes. A title is unique
 * case-insensitively across the board, enforced by the index on `title_key`, so two agents
 * racing with the same title get one proposal. `vote_count` is kept beside the votes (in the
 * vote's transaction) so that sorting by votes is an index scan, not a count per row.
 */
export class Migration20261202041500_proposals extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "proposals" ("id" text not null, "agent_id" text not null, "title" text not null, "title_key" text not null, "description" text not null, "category" text not null, "status" text not null default 'open', "vote_count" int not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "proposals_pkey" primary key ("id"), constraint "proposals_vote_count_check" check (vote_count >= 0));`,
    );
    this.addSql(`alter table "proposals" add constraint "proposals_title_key_unique" unique ("title_key");`);
    this.addSql(`create index "proposals_status_votes_index" on "proposals" ("status", "vote_count", "created_at");`);
    this.addSql(`create index "proposals_agent_status_index" on "proposals" ("agent_id", "status");`);
    this.addSql(
      `create table "proposal_votes" ("proposal_id" text not null, "agent_id" text not null, "created_at" timestamptz not null default now(), constraint "proposal_votes_pkey" primary key ("proposal_id", "agent_id"));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "proposal_votes" cascade;`);
    this.addSql(`drop table if exists "proposals" cascade;`);
  }
}
