import { Migration } from '@mikro-orm/migrations';

export class Migration20261129153310_published_count_indexes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "event_edition_id_published_index" on "events"."event" ("edition_id") where "status" = 'PUBLISHED';`);
    this.addSql(`create index "event_host_city_id_published_index" on "events"."event" ("host_city_id") where "status" = 'PUBLISHED';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "events"."event_edition_id_published_index";`);
    this.addSql(`drop index "events"."event_host_city_id_published_index";`);
  }

}
