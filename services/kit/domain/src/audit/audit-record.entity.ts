import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** One row per write, inserted in the write's own transaction; the API never updates or deletes these. */
@Entity({ tableName: 'audit_record' })
@Index({ properties: ['entityType', 'entityId'] })
@Index({ properties: ['transactionId', 'id'] })
export class AuditRecord {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  occurredAt: Date = new Date();

  @Property({ type: 'text', nullable: true })
  actorSubject: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  actorOrganizationId: string | null = null;

  @Property({ type: 'text[]' })
  actorRoles: string[] = [];

  @Property({ type: 'text' })
  action!: string;

  @Property({ type: 'text' })
  entityType!: string;

  @Property({ type: 'text' })
  entityId!: string;

  @Property({ type: 'json', nullable: true })
  before: Record<string, unknown> | null = null;

  @Property({ type: 'json', nullable: true })
  after: Record<string, unknown> | null = null;

  @Property({ type: 'text' })
  requestId!: string;

  /**
   * The writing transaction's id. The change feed reads only below the oldest running transaction, so a record
   * committed late can never fall behind a cursor already handed out.
   */
  @Property({ columnType: 'xid8', type: 'string', defaultRaw: 'pg_current_xact_id()' })
  transactionId?: string;
}
