import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One row per idempotency key a caller has used, in each subgraph's own schema, so keys survive restarts. Keys are
 * scoped to the caller's organisation: two organisations never see each other's keys.
 */
@Entity({ tableName: 'idempotency_key' })
@Index({ properties: ['createdAt'] })
export class IdempotencyKey {
  /** The organisation's id, or `subject:<sub>` for a caller without one (the secretariat). */
  @PrimaryKey({ type: 'text' })
  scope!: string;

  @PrimaryKey({ type: 'text' })
  key!: string;

  /** The mutation field the key was first used with. */
  @Property({ type: 'text' })
  operation!: string;

  /** A hash of the request's arguments: the same key with other arguments is a CONFLICT. */
  @Property({ type: 'text' })
  requestHash!: string;

  /** What to answer a retry with; null while the first request is still running. */
  @Property({ type: 'json', nullable: true })
  result: unknown = null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();
}
