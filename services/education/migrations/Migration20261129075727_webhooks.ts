import { Migration } from '@mikro-orm/migrations';

export class Migration20261129075727_webhooks extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "education"."webhook_delivery" ("id" bigserial primary key, "subscription_id" uuid not null, "audit_record_id" bigint not null, "message_id" text not null, "payload" text not null, "status" text not null default 'PENDING', "attempts" int not null default 0, "last_response_code" int null, "last_error" text null, "first_attempt_at" timestamptz null, "last_attempt_at" timestamptz null, "next_attempt_at" timestamptz null, "delivered_at" timestamptz null, "created_at" timestamptz not null);`);
    this.addSql(`create index "webhook_delivery_status_next_attempt_at_index" on "education"."webhook_delivery" ("status", "next_attempt_at");`);
    this.addSql(`create index "webhook_delivery_subscription_id_id_index" on "education"."webhook_delivery" ("subscription_id", "id");`);
    this.addSql(`alter table "education"."webhook_delivery" add constraint "webhook_delivery_subscription_id_audit_record_id_unique" unique ("subscription_id", "audit_record_id");`);

    this.addSql(`create table "education"."webhook_subscription" ("id" uuid not null, "list" text not null, "url" text not null, "secret" text not null, "organization_id" uuid null, "created_by" text null, "feed_cursor" text null, "created_at" timestamptz not null, constraint "webhook_subscription_pkey" primary key ("id"));`);
    this.addSql(`create index "webhook_subscription_organization_id_index" on "education"."webhook_subscription" ("organization_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "education"."webhook_delivery" cascade;`);

    this.addSql(`drop table if exists "education"."webhook_subscription" cascade;`);
  }

}
