import { Migration } from '@mikro-orm/migrations';

export class Migration20261129051500_idempotency_keys extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "cities"."idempotency_key" ("scope" text not null, "key" text not null, "operation" text not null, "request_hash" text not null, "result" jsonb null, "created_at" timestamptz not null, constraint "idempotency_key_pkey" primary key ("scope", "key"));`);
    this.addSql(`create index "idempotency_key_created_at_index" on "cities"."idempotency_key" ("created_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "cities"."idempotency_key" cascade;`);
  }

}
