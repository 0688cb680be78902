import { Migration } from '@mikro-orm/migrations';

/** Indexes on (parent, sort keys) and on every offered sort order, so pages and per-parent counts read an index. */
export class Migration20261129050002_keyset_indexes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "program_lower_title_id_index" on "education"."program" (lower("title"), "id");`);
    this.addSql(`create index "program_updated_at_id_index" on "education"."program" ("updated_at", "id");`);
    this.addSql(`create index "program_city_lower_title_id_index" on "education"."program" ("city_id", lower("title"), "id");`);
    this.addSql(`create index "program_provider_lower_title_id_index" on "education"."program" ("provider_id", lower("title"), "id");`);
    this.addSql(`create index "cohort_program_id_starts_on_id_index" on "education"."cohort" ("program_id", "starts_on", "id");`);
    this.addSql(`create index "enrollment_cohort_id_enrolled_at_id_index" on "education"."enrollment" ("cohort_id", "enrolled_at", "id");`);
    this.addSql(`create index "program_city_id_updated_at_id_index" on "education"."program" ("city_id", "updated_at", "id");`);
    this.addSql(`create index "program_provider_id_updated_at_id_index" on "education"."program" ("provider_id", "updated_at", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "education"."program_lower_title_id_index";`);
    this.addSql(`drop index "education"."program_updated_at_id_index";`);
    this.addSql(`drop index "education"."program_city_lower_title_id_index";`);
    this.addSql(`drop index "education"."program_provider_lower_title_id_index";`);
    this.addSql(`drop index "education"."cohort_program_id_starts_on_id_index";`);
    this.addSql(`drop index "education"."enrollment_cohort_id_enrolled_at_id_index";`);
    this.addSql(`drop index "education"."program_city_id_updated_at_id_index";`);
    this.addSql(`drop index "education"."program_provider_id_updated_at_id_index";`);
  }

}
