import { Migration } from '@mikro-orm/migrations';

export class Migration20261127161216_review_notes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "events"."event" add column "rejection_reason" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "events"."event" drop column "rejection_reason";`);
  }

}
