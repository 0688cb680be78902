import { Property, type Opt } from '@mikro-orm/core';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';

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

  @Field(() => GraphQLDateTime)
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Field(() => GraphQLDateTime)
  @Property({ type: 'datetime', columnType: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
