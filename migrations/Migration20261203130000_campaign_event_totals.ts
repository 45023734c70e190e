import { Migration } from "@mikro-orm/migrations";

/**
 * `campaign_event_totals`: per campaign, the tasks paid and the USDC topped up, kept by triggers
 * on `events` as the indexer writes them. A campaign's view showed both as aggregates over the
 * event log (`count(*)` of its TaskPaid events), so reading a campaign cost time in proportion
 * to its history: in the campaigns benchmark, where every claim and delivery reads the campaign,
 * Postgres spent most of its CPU counting. The triggers run in the indexer's own transaction, so
 * the totals are exactly as current as the event log they summarise, and an event written twice
 * is inserted once (the log's primary key), hence counted once.
 */
export class Migration20261203130000_campaign_event_totals extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "campaign_event_totals" (
      "campaign" text primary key,
      "tasks_paid" integer not null default 0,
      "topped_up" numeric not null default 0)`);
    // The event log is append-only (the indexer never deletes from it), so inserts are all there is to count.
    this.addSql(`create function "campaign_event_totals_track"() returns trigger language plpgsql as $$
      begin
        insert into campaign_event_totals as t (campaign, tasks_paid, topped_up)
          values (new.data->>'campaign',
                  case when new.name = 'TaskPaid' then 1 else 0 end,
                  case when new.name = 'CampaignToppedUp' then (new.data->>'amount')::numeric else 0 end)
          on conflict (campaign) do update
            set tasks_paid = t.tasks_paid + excluded.tasks_paid, topped_up = t.topped_up + excluded.topped_up;
        return null;
      end $$`);
    this.addSql(`create trigger "campaign_event_totals_on_insert" after insert on "events" for each row
      when (new.name in ('TaskPaid', 'CampaignToppedUp')) execute function "campaign_event_totals_track"()`);
    // Campaigns indexed before this migration: their totals from the log as it stands.
    this.addSql(`insert into campaign_event_totals (campaign, tasks_paid, topped_up)
      select data->>'campaign', count(*) filter (where name = 'TaskPaid'),
             coalesce(sum((data->>'amount')::numeric) filter (where name = 'CampaignToppedUp'), 0)
        from events where name in ('TaskPaid', 'CampaignToppedUp') group by data->>'campaign'`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists "campaign_event_totals_on_insert" on "events"`);
    this.addSql(`drop function if exists "campaign_event_totals_track"()`);
    this.addSql(`drop table if exists "campaign_event_totals"`);
  }
}
