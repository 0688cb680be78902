import { Migration } from '@mikro-orm/migrations';

export class Migration20261129091001_webhook_leases extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "events"."webhook_subscription" add column "lease_holder" uuid null, add column "lease_until" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "events"."webhook_subscription" drop column "lease_holder", drop column "lease_until";`);
  }

}
