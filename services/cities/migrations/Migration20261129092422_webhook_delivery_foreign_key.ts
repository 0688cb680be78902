import { Migration } from '@mikro-orm/migrations';

export class Migration20261129092422_webhook_delivery_foreign_key extends Migration {

  override async up(): Promise<void> {
    // Rows a delivery run queued while their subscription was being deleted, before this key existed.
    this.addSql(`delete from "cities"."webhook_delivery" d where not exists (select 1 from "cities"."webhook_subscription" s where s."id" = d."subscription_id");`);
    this.addSql(`alter table "cities"."webhook_delivery" add constraint "webhook_delivery_subscription_id_foreign" foreign key ("subscription_id") references "cities"."webhook_subscription" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "cities"."webhook_delivery" drop constraint "webhook_delivery_subscription_id_foreign";`);
  }

}
