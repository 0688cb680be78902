import { Migration } from '@mikro-orm/migrations';

export class Migration20261127163549_pending_changes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "cities"."indicator_value" add column "pending_changes" jsonb null;`);

    this.addSql(`alter table "cities"."policy" add column "pending_changes" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "cities"."indicator_value" drop column "pending_changes";`);

    this.addSql(`alter table "cities"."policy" drop column "pending_changes";`);
  }

}
