import { randomUUID } from 'node:crypto';

import {
  Entity,
  EntityRepositoryType,
  Enum,
  Index,
  ManyToOne,
  PrimaryKey,
  Property,
  Unique,
  type Opt,
} from '@mikro-orm/core';
import { GraphQLDateTime, GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';

import { VersionedRecord } from '@hrc/graph-kit';

import { Cohort } from '../cohort/cohort.entity';
import { ProgramAudience } from '../program/program.enums';
import { EnrollmentStatus } from './enrollment.enums';
import { EnrollmentRepository } from './enrollment.repository';

/**
 * A participant's place in a cohort. `participantName` and `participantEmail` have no @Field: they are served
 * only through resolvers that check the caller is the provider's partner or the secretariat.
 */
@ObjectType({ description: "A participant's place in a cohort" })
@Entity({ tableName: 'enrollment', repository: () => EnrollmentRepository })
// Keyset orders and nested pages: a cohort's enrollments.
@Index({ properties: ['cohortId', 'enrolledAt', 'id'] })
@Unique({ properties: ['cohortId', 'participantEmail'] })
export class Enrollment extends VersionedRecord {
  [EntityRepositoryType]?: EnrollmentRepository;

  @Field(() => ID, { description: "The enrollment's id" })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Cohort, { mapToPk: true, fieldName: 'cohort_id', deleteRule: 'cascade' })
  @Index()
  cohortId!: string;

  @Property({ type: 'text' })
  participantName!: string;

  /** Stored lower-cased, so one person cannot hold two places in a cohort. */
  @Property({ type: 'text' })
  participantEmail!: string;

  @Field(() => ProgramAudience, { description: "The participant's group; one of the programme's audiences" })
  @Enum({ items: () => ProgramAudience })
  audience!: ProgramAudience;

  @Field(() => EnrollmentStatus, { description: 'Whether the participant holds a place, completed or dropped' })
  @Enum({ items: () => EnrollmentStatus })
  status: Opt<EnrollmentStatus> = EnrollmentStatus.ENROLLED;

  @Field(() => GraphQLDateTime, { description: 'When the participant enrolled' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  enrolledAt: Opt<Date> = new Date();

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'The completion date; null unless COMPLETED' })
  @Property({ type: 'date', nullable: true })
  completedOn: string | null = null;
}
