import { Migration } from '@mikro-orm/migrations';

import { auditAppendOnlySql, dropAuditAppendOnlySql } from '@hrc/domain-kit';

/** Written by hand: MikroORM does not generate triggers. */
export class Migration20261127161300_audit_append_only extends Migration {
  override async up(): Promise<void> {
    for (const sql of auditAppendOnlySql('cities')) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const sql of dropAuditAppendOnlySql('cities')) this.addSql(sql);
  }
}
