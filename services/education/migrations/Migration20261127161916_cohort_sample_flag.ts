import { Migration } from '@mikro-orm/migrations';

export class Migration20261127161916_cohort_sample_flag extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "education"."cohort" add column "is_sample_data" boolean not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "education"."cohort" drop column "is_sample_data";`);
  }

}
