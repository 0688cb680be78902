import { randomUUID } from 'node:crypto';

import { Entity, EntityRepositoryType, Enum, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

import { type TranslatedText } from '@hrc/domain-kit';
import { VersionedRecord } from '@hrc/graph-kit';

import { EventFormat } from '../event/event.enums';
import { ForumEditionRepository } from './forum-edition.repository';

/** One yearly World Human Rights Cities Forum. Managed by the secretariat, so it has no moderation status. */
@Directive('@key(fields: "year")')
@ObjectType({ description: 'One edition of the World Human Rights Cities Forum' })
@Entity({ tableName: 'forum_edition', repository: () => ForumEditionRepository })
export class ForumEdition extends VersionedRecord {
  [EntityRepositoryType]?: ForumEditionRepository;

  @Field(() => ID, { description: "The edition's id" })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => Int, { description: 'The edition number: 1 for 2011' })
  @Property({ type: 'integer', unique: true })
  number!: number;

  @Field(() => Int, { description: 'The year it was held; one edition a year' })
  @Property({ type: 'integer', unique: true })
  year!: number;

  /** Null where the theme is not known; served through a resolver that picks the language. */
  @Property({ type: 'text', nullable: true })
  theme: string | null = null;

  @Property({ type: 'json' })
  themeTranslations: Opt<TranslatedText> = {};

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'First day, in the host city; null when not known' })
  @Property({ type: 'date', nullable: true })
  startsOn: string | null = null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Last day, in the host city; null when not known' })
  @Property({ type: 'date', nullable: true })
  endsOn: string | null = null;

  @Field(() => EventFormat, { description: 'In person, online or hybrid' })
  @Enum({ items: () => EventFormat })
  format!: EventFormat;

  @Field(() => String, { description: 'IANA time zone of the host city, in which the timetable is grouped by day' })
  @Property({ type: 'text' })
  timeZone: Opt<string> = 'Asia/Seoul';

  /** Exposed as `hostCity`, a reference to the cities subgraph. */
  @Property({ type: 'uuid' })
  hostCityId!: string;

  @Field(() => String, {
    nullable: true,
    description: 'What the edition is remembered for, such as a declaration adopted',
  })
  @Property({ type: 'text', nullable: true })
  note: string | null = null;
}
