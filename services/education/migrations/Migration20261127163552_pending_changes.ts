import { Migration } from '@mikro-orm/migrations';

export class Migration20261127163552_pending_changes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "education"."program" add column "pending_changes" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "education"."program" drop column "pending_changes";`);
  }

}
