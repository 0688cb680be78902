import { randomUUID } from 'node:crypto';

import { Entity, EntityRepositoryType, Index, ManyToOne, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';

import { Event } from '../event/event.entity';
import { Registration } from '../registration/registration.entity';
import { FeedbackRepository } from './feedback.repository';

/** A participant's evaluation of an event. `comment` has no @Field: organiser and secretariat only. */
@ObjectType({ description: 'An evaluation of an event by a registered participant' })
@Entity({ tableName: 'feedback', repository: () => FeedbackRepository })
// Keyset orders and nested pages: an event's evaluations, newest first.
@Index({ properties: ['eventId', 'createdAt', 'id'] })
export class Feedback {
  [EntityRepositoryType]?: FeedbackRepository;

  @Field(() => ID, { description: "The evaluation's id" })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Event, { mapToPk: true, fieldName: 'event_id', deleteRule: 'cascade' })
  @Index()
  eventId!: string;

  /** One evaluation per registration. */
  @ManyToOne(() => Registration, { mapToPk: true, fieldName: 'registration_id', deleteRule: 'cascade', unique: true })
  registrationId!: string;

  @Property({ type: 'uuid', nullable: true })
  organizationId: string | null = null;

  @Field(() => Int, { description: '1 (poor) to 5 (excellent)' })
  @Property({ type: 'smallint' })
  rating!: number;

  @Property({ type: 'text', nullable: true })
  comment: string | null = null;

  @Field(() => GraphQLDateTime, { description: 'When it was submitted' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
