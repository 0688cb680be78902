import { Migration } from '@mikro-orm/migrations';

export class Migration20261129103850_covering_count_indexes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index "education"."program_city_lower_title_id_index";`);
    this.addSql(`drop index "education"."program_provider_lower_title_id_index";`);

    this.addSql(`create index "program_provider_lower_title_id_covering_index" on "education"."program" ("provider_id", lower("title"), "id") include ("status", "contributed_by");`);
    this.addSql(`create index "program_city_lower_title_id_covering_index" on "education"."program" ("city_id", lower("title"), "id") include ("status", "contributed_by");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "education"."program_provider_lower_title_id_covering_index";`);
    this.addSql(`drop index "education"."program_city_lower_title_id_covering_index";`);

    this.addSql(`CREATE INDEX program_city_lower_title_id_index ON education.program USING btree (city_id, lower(title), id);`);
    this.addSql(`CREATE INDEX program_provider_lower_title_id_index ON education.program USING btree (provider_id, lower(title), id);`);
  }

}
