import { randomUUID } from 'node:crypto';

import { Entity, EntityRepositoryType, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';

import { VersionedRecord } from '@hrc/graph-kit';

import { Event } from '../event/event.entity';
import { RegistrationStatus } from './registration.enums';
import { RegistrationRepository } from './registration.repository';

/** A participant's access needs as stored; private, served only through a guarded resolver. */
export interface AccessibilityNeedsRecord {
  supportPerson: boolean;
  guideDog: boolean;
  wheelchair: boolean;
  signLanguage: boolean;
  captions: boolean;
  dietary: string | null;
  other: string | null;
}

/**
 * A delegate's place at an event. `email` and `accessibilityNeeds` have no @Field: only the registering
 * organisation, the event's organiser and the secretariat may read them, through the resolvers.
 */
@ObjectType({ description: "A participant's registration for an event" })
@Entity({ tableName: 'registration', repository: () => RegistrationRepository })
// Keyset orders and nested pages: an event's registrations in arrival order.
@Index({ properties: ['eventId', 'arrival', 'id'] })
@Unique({ properties: ['eventId', 'arrival'] })
@Index({ properties: ['eventId', 'status', 'arrival'] })
export class Registration extends VersionedRecord {
  [EntityRepositoryType]?: RegistrationRepository;

  @Field(() => ID, { description: "The registration's id" })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Event, { mapToPk: true, fieldName: 'event_id', deleteRule: 'cascade' })
  eventId!: string;

  /** The registering organisation; null when the secretariat registers someone on no organisation's behalf. */
  @Property({ type: 'uuid', nullable: true })
  @Index()
  organizationId: string | null = null;

  @Field({ description: "The participant's name as registered" })
  @Property({ type: 'text' })
  participantName!: string;

  @Property({ type: 'text' })
  email!: string;

  @Property({ type: 'json' })
  accessibilityNeeds!: AccessibilityNeedsRecord;

  @Field(() => RegistrationStatus, {
    description: 'Whether the participant holds a seat, waits, cancelled or attended',
  })
  @Enum({ items: () => RegistrationStatus })
  status!: RegistrationStatus;

  /** Arrival order within the event, assigned under the event's row lock; the waitlist is served in this order. */
  @Field(() => Int, {
    description: 'Arrival order within the event (1 = first); the waitlist is promoted in this order',
  })
  @Property({ type: 'integer' })
  arrival!: number;

  @Property({ type: 'text', nullable: true })
  registeredBy: string | null = null;
}
