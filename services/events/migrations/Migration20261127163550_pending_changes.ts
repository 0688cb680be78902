import { Migration } from '@mikro-orm/migrations';

export class Migration20261127163550_pending_changes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "events"."event" add column "pending_changes" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "events"."event" drop column "pending_changes";`);
  }

}
