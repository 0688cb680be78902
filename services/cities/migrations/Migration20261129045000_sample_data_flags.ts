import { Migration } from '@mikro-orm/migrations';

export class Migration20261129045000_sample_data_flags extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "cities"."indicator_value" add column "is_sample_data" boolean not null default false;`);

    this.addSql(`alter table "cities"."policy" add column "is_sample_data" boolean not null default false;`);

    // Databases seeded before the flag existed: the seed marked its made-up values only in the source text, and the
    // synthetic benchmark network its policies only in the summary.
    this.addSql(`update "cities"."indicator_value" set "is_sample_data" = true where "source" like 'SAMPLE DATA:%';`);
    this.addSql(`update "cities"."policy" set "is_sample_data" = true where "summary" like 'SYNTHETIC BENCHMARK DATA%';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "cities"."indicator_value" drop column "is_sample_data";`);

    this.addSql(`alter table "cities"."policy" drop column "is_sample_data";`);
  }

}
