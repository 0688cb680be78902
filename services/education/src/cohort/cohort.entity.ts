import { randomUUID } from 'node:crypto';

import { Entity, EntityRepositoryType, Index, ManyToOne, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';

import { VersionedRecord } from '@hrc/graph-kit';

import { Program } from '../program/program.entity';
import { CohortRepository } from './cohort.repository';

/** A dated run of a programme. Cohorts are read under their programme's visibility. */
@ObjectType({ description: 'A dated run of a programme, with a capacity' })
@Entity({ tableName: 'cohort', repository: () => CohortRepository })
// Keyset orders and nested pages: a programme's cohorts.
@Index({ properties: ['programId', 'startsOn', 'id'] })
export class Cohort extends VersionedRecord {
  [EntityRepositoryType]?: CohortRepository;

  @Field(() => ID, { description: "The cohort's id" })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Program, { mapToPk: true, fieldName: 'program_id', deleteRule: 'cascade' })
  @Index()
  programId!: string;

  @Field(() => GraphQLLocalDate, { description: 'First day' })
  @Property({ type: 'date' })
  @Index()
  startsOn!: string;

  @Field(() => GraphQLLocalDate, { description: 'Last day' })
  @Property({ type: 'date' })
  endsOn!: string;

  @Field(() => Int, { description: 'Places available; never exceeded, even under concurrent enrollments' })
  @Property({ type: 'integer' })
  capacity!: number;

  @Field(() => Boolean, { description: 'Taught online rather than at a location' })
  @Property({ type: 'boolean' })
  online: Opt<boolean> = false;

  @Field(() => Boolean, {
    description: 'True for illustrative cohorts made up for the seed: their figures are not real',
  })
  @Property({ type: 'boolean', default: false })
  isSampleData: Opt<boolean> = false;

  @Field(() => String, { nullable: true, description: 'Where the cohort meets, when in person' })
  @Property({ type: 'text', nullable: true })
  location: string | null = null;

  /** An `Event` id in the events subgraph, when the cohort is delivered at one; served as `event`. */
  @Property({ type: 'uuid', nullable: true })
  @Index()
  eventId: string | null = null;

  @Field(() => String, { nullable: true, description: 'Remarks, including whether the figures are sample data' })
  @Property({ type: 'text', nullable: true })
  notes: string | null = null;
}
