import { Migration } from '@mikro-orm/migrations';

export class Migration20261127161218_review_notes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "education"."program" add column "rejection_reason" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "education"."program" drop column "rejection_reason";`);
  }

}
