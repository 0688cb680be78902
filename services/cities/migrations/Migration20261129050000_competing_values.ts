import { Migration } from '@mikro-orm/migrations';

export class Migration20261129050000_competing_values extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "cities"."indicator_value" drop constraint "indicator_value_indicator_id_city_id_year_unique";`);
    this.addSql(`create unique index "indicator_value_published_unique" on "cities"."indicator_value" ("indicator_id", "city_id", "year") where "status" = 'PUBLISHED';`);
    this.addSql(`create unique index "indicator_value_submitted_unique" on "cities"."indicator_value" ("indicator_id", "city_id", "year", "contributed_by") where "status" = 'SUBMITTED';`);
    this.addSql(`create index "indicator_value_key_index" on "cities"."indicator_value" ("indicator_id", "city_id", "year");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "cities"."indicator_value_key_index";`);
    this.addSql(`drop index "cities"."indicator_value_submitted_unique";`);
    this.addSql(`drop index "cities"."indicator_value_published_unique";`);
    this.addSql(`alter table "cities"."indicator_value" add constraint "indicator_value_indicator_id_city_id_year_unique" unique ("indicator_id", "city_id", "year");`);
  }

}
