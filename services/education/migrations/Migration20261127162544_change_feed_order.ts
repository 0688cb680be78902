import { Migration } from '@mikro-orm/migrations';

export class Migration20261127162544_change_feed_order extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "education"."audit_record" add column "transaction_id" xid8 not null default pg_current_xact_id();`);
    this.addSql(`create index "audit_record_transaction_id_id_index" on "education"."audit_record" ("transaction_id", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "education"."audit_record_transaction_id_id_index";`);
    this.addSql(`alter table "education"."audit_record" drop column "transaction_id";`);
  }

}
