import { Enum, Index, Property, type Opt } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';

import { isSecretariat, type Identity } from './identity';

export enum ModerationStatus {
  SUBMITTED = 'SUBMITTED',
  PUBLISHED = 'PUBLISHED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(ModerationStatus, {
  name: 'ModerationStatus',
  description: 'Where a contributed record stands in the secretariat\'s review',
});

/**
 * The columns every partner-contributed record carries: who contributed it, its review status, and the
 * version a writer must quote to change it.
 * The @ObjectType lets subclasses inherit the fields; it is never a type of its own in the schema.
 */
@ObjectType()
export abstract class ContributedRecord {
  @Field(() => ModerationStatus)
  @Enum({ items: () => ModerationStatus, nativeEnumName: undefined })
  @Index()
  status: Opt<ModerationStatus> = ModerationStatus.SUBMITTED;

  /** The contributing organisation's id; exposed through each subgraph's `contributor` field. */
  @Property({ type: 'uuid', nullable: true })
  @Index()
  contributedBy: string | null = null;

  /** Why the secretariat rejected the record; served only to the contributor and the secretariat. */
  @Property({ type: 'text', nullable: true })
  rejectionReason: string | null = null;

  @Field(() => Int, { description: 'Quote this as expectedVersion when you update the record' })
  @Property({ type: 'integer', version: true })
  version!: Opt<number>;

  @Field(() => GraphQLDateTime)
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Field(() => GraphQLDateTime)
  @Property({ type: 'datetime', columnType: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}

/** The status a write lands in: the secretariat publishes directly, partners submit for review. */
export function statusForWriteBy(identity: Identity): ModerationStatus {
  return isSecretariat(identity) ? ModerationStatus.PUBLISHED : ModerationStatus.SUBMITTED;
}

/** Whether a caller may read a record: published to all, drafts to the contributor and the secretariat. */
export function canRead(identity: Identity, record: Pick<ContributedRecord, 'status' | 'contributedBy'>): boolean {
  if (record.status === ModerationStatus.PUBLISHED) return true;
  if (isSecretariat(identity)) return true;
  return identity.organizationId !== null && record.contributedBy === identity.organizationId;
}

/**
 * The same rule as SQL for list and count queries, so totals never count what the caller cannot read.
 * `alias` is the table alias the query uses.
 */
export function visibilitySql(identity: Identity, alias: string): { sql: string; bindings: string[] } {
  if (isSecretariat(identity)) return { sql: 'true', bindings: [] };
  if (identity.organizationId) {
    return {
      sql: `(${alias}.status = 'PUBLISHED' or ${alias}.contributed_by = ?)`,
      bindings: [identity.organizationId],
    };
  }
  return { sql: `${alias}.status = 'PUBLISHED'`, bindings: [] };
}
