import { randomUUID } from 'node:crypto';

import {
  ArrayType,
  Entity,
  EntityRepositoryType,
  Enum,
  Index,
  ManyToOne,
  PrimaryKey,
  Property,
  type Opt,
} from '@mikro-orm/core';
import { GraphQLDateTime } from 'graphql-scalars';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

import { type TranslatedText } from '@hrc/domain-kit';
import { ContributedRecord } from '@hrc/graph-kit';
import { SearchVectorProperty, withTranslations, type SearchDocument } from '@hrc/service-kit';

import { ForumEdition } from '../forum-edition/forum-edition.entity';
import { AccessibilityFeature, EventFormat, EventKind } from './event.enums';
import { EventRepository } from './event.repository';

/** A speaker as stored; `organizationId` becomes an `Organization` reference in the schema. */
export interface SpeakerRecord {
  name: string;
  affiliation: string | null;
  organizationId: string | null;
}

/** Title and translations weigh more than the description and the venue in search ranking. */
function searchDocument(event: Event): SearchDocument {
  return {
    A: withTranslations(event.title, event.titleTranslations),
    B: `${withTranslations(event.description, event.descriptionTranslations)} ${event.venue ?? ''}`,
  };
}

/**
 * A session of a forum edition or a partner's own event. The organiser is the contributing organisation
 * (`contributedBy`), so the kit's write rule "a partner changes only its own records" is the organiser rule.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: "A forum session or a partner's own event" })
@Entity({ tableName: 'event', repository: () => EventRepository })
// Keyset orders and nested pages: a city's events; an organisation's events; an edition's events and its days' timetables.
// Each also carries the columns that visibility (and an edition's local day) filter on, so a count per parent reads
// only the index: a host city with thousands of events is counted from its index range, not row by row.
@Index({
  name: 'event_host_city_id_starts_at_id_covering_index',
  expression: `create index "event_host_city_id_starts_at_id_covering_index" on "events"."event" ("host_city_id", "starts_at", "id") include ("status", "contributed_by")`,
})
@Index({
  name: 'event_contributed_by_starts_at_id_covering_index',
  expression: `create index "event_contributed_by_starts_at_id_covering_index" on "events"."event" ("contributed_by", "starts_at", "id") include ("status")`,
})
@Index({
  name: 'event_edition_id_starts_at_id_covering_index',
  expression: `create index "event_edition_id_starts_at_id_covering_index" on "events"."event" ("edition_id", "starts_at", "id") include ("status", "contributed_by", "time_zone")`,
})
// The public's count per host city and per edition: the same rows as above, but only the key, and only published
// events, so counting a city's 1,800 events reads a narrow index with no visibility test per entry (about twice as
// fast as through the covering index above).
@Index({
  name: 'event_host_city_id_published_index',
  expression: `create index "event_host_city_id_published_index" on "events"."event" ("host_city_id") where "status" = 'PUBLISHED'`,
})
@Index({
  name: 'event_edition_id_published_index',
  expression: `create index "event_edition_id_published_index" on "events"."event" ("edition_id") where "status" = 'PUBLISHED'`,
})
@Index({ properties: ['startsAt', 'id'] })
export class Event extends ContributedRecord {
  [EntityRepositoryType]?: EventRepository;

  @Field(() => ID, { description: "The event's id" })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => EventKind, { description: 'What kind of programme item' })
  @Enum({ items: () => EventKind })
  @Index()
  kind!: EventKind;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'json' })
  titleTranslations: Opt<TranslatedText> = {};

  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @Property({ type: 'json' })
  descriptionTranslations: Opt<TranslatedText> = {};

  @Field(() => GraphQLDateTime, {
    description: 'When it starts (for an all-day event, local midnight of its first day)',
  })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  startsAt!: Date;

  @Field(() => GraphQLDateTime, {
    description: 'When it ends, exclusive (for an all-day event, local midnight after its last day)',
  })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  endsAt!: Date;

  @Field(() => String, {
    description: 'IANA time zone of the venue, for example Asia/Seoul; local times are in this zone',
  })
  @Property({ type: 'text' })
  timeZone!: string;

  @Field(() => Boolean, { description: 'True when only the day is known: startsAt and endsAt span whole local days' })
  @Property({ type: 'boolean' })
  allDay: Opt<boolean> = false;

  @Field(() => String, { nullable: true, description: 'Where it takes place; null when not yet known or online' })
  @Property({ type: 'text', nullable: true })
  venue: string | null = null;

  @Field(() => EventFormat, { description: 'In person, online or hybrid' })
  @Enum({ items: () => EventFormat })
  format!: EventFormat;

  /** Exposed as `hostCity`, a reference to the cities subgraph; null for events with no host city. */
  @Property({ type: 'uuid', nullable: true })
  @Index()
  hostCityId: string | null = null;

  /** Exposed as `forumEdition`. */
  @ManyToOne(() => ForumEdition, { mapToPk: true, nullable: true, fieldName: 'edition_id', deleteRule: 'set null' })
  @Index()
  editionId: string | null = null;

  @Field(() => [String], { description: 'Languages spoken, as BCP 47 tags' })
  @Property({ type: ArrayType, columnType: 'text[]' })
  languages: Opt<string[]> = [];

  @Property({ type: ArrayType, columnType: 'text[]' })
  interpretationLanguages: Opt<string[]> = [];

  @Property({ type: ArrayType, columnType: 'text[]' })
  signLanguages: Opt<string[]> = [];

  @Field(() => [AccessibilityFeature], {
    description: 'What the event offers for barrier-free participation; empty when nothing is recorded',
  })
  @Property({ type: ArrayType, columnType: 'text[]' })
  accessibility: Opt<AccessibilityFeature[]> = [];

  @Field(() => Int, { nullable: true, description: 'Seats; null when attendance is not limited' })
  @Property({ type: 'integer', nullable: true })
  capacity: number | null = null;

  @Property({ type: 'json' })
  speakers: Opt<SpeakerRecord[]> = [];

  @Field(() => Boolean, {
    description: 'True when the event is illustrative sample or synthetic data, not a real event',
  })
  @Property({ type: 'boolean', default: false })
  isSampleData: Opt<boolean> = false;

  @SearchVectorProperty(searchDocument)
  searchVector: string | null = null;
}
