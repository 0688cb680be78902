import { Migration } from '@mikro-orm/migrations';

export class Migration20261127161215_review_notes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "cities"."indicator_value" add column "rejection_reason" text null;`);

    this.addSql(`alter table "cities"."policy" add column "rejection_reason" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "cities"."indicator_value" drop column "rejection_reason";`);

    this.addSql(`alter table "cities"."policy" drop column "rejection_reason";`);
  }

}
