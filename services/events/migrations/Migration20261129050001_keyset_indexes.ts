import { Migration } from '@mikro-orm/migrations';

/** Indexes on (parent, sort keys) and on every offered sort order, so pages and per-parent counts read an index. */
export class Migration20261129050001_keyset_indexes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "event_host_city_id_starts_at_id_index" on "events"."event" ("host_city_id", "starts_at", "id");`);
    this.addSql(`create index "event_contributed_by_starts_at_id_index" on "events"."event" ("contributed_by", "starts_at", "id");`);
    this.addSql(`create index "event_edition_id_starts_at_id_index" on "events"."event" ("edition_id", "starts_at", "id");`);
    this.addSql(`create index "registration_event_id_arrival_id_index" on "events"."registration" ("event_id", "arrival", "id");`);
    this.addSql(`create index "feedback_event_id_created_at_id_index" on "events"."feedback" ("event_id", "created_at", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "events"."event_host_city_id_starts_at_id_index";`);
    this.addSql(`drop index "events"."event_contributed_by_starts_at_id_index";`);
    this.addSql(`drop index "events"."event_edition_id_starts_at_id_index";`);
    this.addSql(`drop index "events"."registration_event_id_arrival_id_index";`);
    this.addSql(`drop index "events"."feedback_event_id_created_at_id_index";`);
  }

}
