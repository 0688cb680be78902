import { Enum, Index, Property, type Opt } from '@mikro-orm/core';
import { GraphQLDateTime } from 'graphql-scalars';
import { ArgsType, Field, ID, Int, ObjectType } from 'type-graphql';

import { ModerationStatus, type Contribution } from '@hrc/domain-kit';

import './enums';

/**
 * The columns every updatable record carries: the version a writer must quote (a stale one is a CONFLICT) and
 * when it was created and last changed. The @ObjectType lets subclasses inherit the fields; it is never a type of
 * its own in the schema.
 */
@ObjectType()
export abstract class VersionedRecord {
  @Field(() => Int, { description: 'Quote this as expectedVersion when you update the record' })
  @Property({ type: 'integer', version: true })
  version!: Opt<number>;

  @Field(() => GraphQLDateTime, { description: 'When the record was created' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Field(() => GraphQLDateTime, { description: 'When the record last changed (a held pendingChanges does not count)' })
  @Property({ type: 'datetime', columnType: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}

/**
 * The arguments of a mutation that changes a versioned record: which record, and the version the caller read (a stale
 * one is a CONFLICT). Declared in the order the schema has always listed them.
 */
@ArgsType()
export class RevisionArgs {
  @Field(() => Int, {
    description:
      'The version you read; when the record has changed since, the write is a CONFLICT carrying currentVersion',
  })
  expectedVersion!: number;

  @Field(() => ID, { description: "The record's id" })
  id!: string;
}

/**
 * The columns every partner-contributed record carries: who contributed it, its review status, and the
 * version a writer must quote to change it.
 * The @ObjectType lets subclasses inherit the fields; it is never a type of its own in the schema.
 */
@ObjectType()
export abstract class ContributedRecord extends VersionedRecord implements Contribution {
  @Field(() => ModerationStatus, {
    description:
      'Where the record stands in review; callers other than its organisation and the secretariat see PUBLISHED records only',
  })
  @Enum({ items: () => ModerationStatus, nativeEnumName: undefined })
  @Index()
  status: Opt<ModerationStatus> = ModerationStatus.SUBMITTED;

  /** The contributing organisation's id; exposed through each subgraph's `contributor` field. */
  @Property({ type: 'uuid', nullable: true })
  @Index()
  contributedBy: string | null = null;

  /**
   * A partner's edit to a published record, awaiting review: the new values by property, while the published ones
   * stay public. Served only to the contributor and the secretariat.
   */
  @Property({ type: 'json', nullable: true })
  pendingChanges: Opt<Record<string, unknown>> | null = null;

  /** Why the secretariat rejected the record; served only to the contributor and the secretariat. */
  @Property({ type: 'text', nullable: true })
  rejectionReason: string | null = null;
}
