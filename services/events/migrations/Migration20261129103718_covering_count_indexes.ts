import { Migration } from '@mikro-orm/migrations';

export class Migration20261129103718_covering_count_indexes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index "events"."event_contributed_by_starts_at_id_index";`);
    this.addSql(`drop index "events"."event_edition_id_starts_at_id_index";`);
    this.addSql(`drop index "events"."event_host_city_id_starts_at_id_index";`);

    this.addSql(`create index "event_edition_id_starts_at_id_covering_index" on "events"."event" ("edition_id", "starts_at", "id") include ("status", "contributed_by", "time_zone");`);
    this.addSql(`create index "event_contributed_by_starts_at_id_covering_index" on "events"."event" ("contributed_by", "starts_at", "id") include ("status");`);
    this.addSql(`create index "event_host_city_id_starts_at_id_covering_index" on "events"."event" ("host_city_id", "starts_at", "id") include ("status", "contributed_by");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "events"."event_edition_id_starts_at_id_covering_index";`);
    this.addSql(`drop index "events"."event_contributed_by_starts_at_id_covering_index";`);
    this.addSql(`drop index "events"."event_host_city_id_starts_at_id_covering_index";`);

    this.addSql(`create index "event_contributed_by_starts_at_id_index" on "events"."event" ("contributed_by", "starts_at", "id");`);
    this.addSql(`create index "event_edition_id_starts_at_id_index" on "events"."event" ("edition_id", "starts_at", "id");`);
    this.addSql(`create index "event_host_city_id_starts_at_id_index" on "events"."event" ("host_city_id", "starts_at", "id");`);
  }

}
