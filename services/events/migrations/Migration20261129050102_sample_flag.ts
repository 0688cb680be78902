import { Migration } from '@mikro-orm/migrations';

export class Migration20261129050102_sample_flag extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "events"."event" add column "is_sample_data" boolean not null default false;`);

    // Databases seeded before the flag existed marked sample and synthetic events only in their descriptions.
    this.addSql(`update "events"."event" set "is_sample_data" = true where "description" like 'SAMPLE DATA:%' or "description" like 'SYNTHETIC BENCHMARK DATA%';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "events"."event" drop column "is_sample_data";`);
  }

}
