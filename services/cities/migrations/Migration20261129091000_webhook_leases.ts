import { Migration } from '@mikro-orm/migrations';

export class Migration20261129091000_webhook_leases extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "cities"."webhook_subscription" add column "lease_holder" uuid null, add column "lease_until" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "cities"."webhook_subscription" drop column "lease_holder", drop column "lease_until";`);
  }

}
