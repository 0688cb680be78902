import {
  ArrayMaxSize,
  ArrayUnique,
  IsInt,
  IsOptional,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';

import { BCP47_PATTERN, ModerationStatus } from '@hrc/domain-kit';
import {
  LanguageFilterField,
  type LocalizedTextInput,
  ModerationStatusFilterField,
  SearchFilterField,
  TitleInputField,
  TranslationsInputField,
} from '@hrc/graph-kit';

import { AccessibilityFeature, EventFormat, EventKind } from './event.enums';

/** A list of BCP 47 language tags, each given once. */
function LanguageTags(maxSize: number, message: string): PropertyDecorator {
  return (prototype, property) => {
    Matches(BCP47_PATTERN, { each: true, message })(prototype, property);
    ArrayUnique()(prototype, property);
    ArrayMaxSize(maxSize)(prototype, property);
  };
}

@InputType({ description: 'Narrows a list of events; every condition given must hold' })
export class EventFilter {
  @Field(() => GraphQLDateTime, { nullable: true, description: 'Events that end at or after this instant' })
  from?: Date;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'Events that start before this instant' })
  to?: Date;

  @Field(() => ID, { nullable: true, description: 'Events hosted by this city' })
  cityId?: string;

  @Field(() => ID, { nullable: true, description: 'Events organised by this organisation' })
  organizationId?: string;

  @Field(() => EventKind, { nullable: true, description: 'Events of this kind' })
  kind?: EventKind;

  @Field(() => EventFormat, { nullable: true, description: 'Events of this format' })
  format?: EventFormat;

  @LanguageFilterField({ description: 'Spoken or interpreted in this language (BCP 47; "ko" also matches "ko-KR")' })
  language?: string;

  @Field(() => AccessibilityFeature, { nullable: true, description: 'Events that offer this accessibility feature' })
  accessibility?: AccessibilityFeature;

  @Field(() => Int, { nullable: true, description: 'Sessions of the forum edition of this year' })
  editionYear?: number;

  @SearchFilterField({ description: 'Full-text search over titles, descriptions and venues in every language' })
  search?: string;

  @ModerationStatusFilterField()
  status?: ModerationStatus;
}

@InputType({ description: 'A speaker at an event' })
export class SpeakerInput {
  @Field({ description: "The speaker's name" })
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @Field(() => String, { nullable: true, description: "The speaker's affiliation; null when none" })
  @IsOptional()
  @MaxLength(300)
  affiliation?: string | null;

  @Field(() => ID, { nullable: true, description: "The speaker's organisation, when it is a partner of the network" })
  organizationId?: string | null;
}

@InputType({
  description: 'Languages interpreted into, and sign languages offered; the lists given replace the stored ones',
})
export class InterpretationInput {
  @Field(() => [String], { description: 'Languages interpreted into, as BCP 47 tags' })
  @LanguageTags(20, 'each language must be a BCP 47 language tag')
  languages!: string[];

  @Field(() => [String], { description: 'Sign languages offered, as BCP 47 tags (for example "kvk", "ils")' })
  @LanguageTags(10, 'each sign language must be a BCP 47 language tag')
  signLanguages!: string[];
}

@InputType({ description: "An event's content" })
export class EventContentInput {
  @Field(() => EventKind, { nullable: true, description: 'What kind of programme item' })
  kind?: EventKind;

  @TitleInputField()
  title?: string;

  @TranslationsInputField()
  titleTranslations?: LocalizedTextInput[];

  @Field(() => String, { nullable: true, description: 'A description in its original language' })
  @IsOptional()
  @MaxLength(8000)
  description?: string | null;

  @TranslationsInputField()
  descriptionTranslations?: LocalizedTextInput[];

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When it starts, with an offset' })
  startsAt?: Date;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When it ends, exclusive; after startsAt' })
  endsAt?: Date;

  @Field({ nullable: true, description: 'IANA time zone of the venue, for example "Asia/Seoul"' })
  timeZone?: string;

  @Field({
    nullable: true,
    description: 'True when only the day is known: startsAt and endsAt then span whole local days',
  })
  allDay?: boolean;

  @Field(() => String, { nullable: true, description: 'Where it takes place; null when online or not yet known' })
  @IsOptional()
  @MaxLength(500)
  venue?: string | null;

  @Field(() => EventFormat, { nullable: true, description: 'In person, online or hybrid' })
  format?: EventFormat;

  @Field(() => ID, { nullable: true, description: 'The host city (a City id from the cities subgraph)' })
  hostCityId?: string | null;

  @Field(() => Int, { nullable: true, description: 'The year of the forum edition this is a session of' })
  editionYear?: number | null;

  @Field(() => [String], { nullable: true, description: 'Languages spoken, as BCP 47 tags' })
  @IsOptional()
  @LanguageTags(20, 'each language must be a BCP 47 language tag')
  languages?: string[];

  @Field(() => InterpretationInput, { nullable: true, description: 'Interpretation and sign languages offered' })
  @IsOptional()
  @ValidateNested()
  interpretation?: InterpretationInput;

  @Field(() => [AccessibilityFeature], {
    nullable: true,
    description: 'Accessibility features offered, no repeats; a list given replaces the stored one',
  })
  @IsOptional()
  @ArrayUnique()
  accessibility?: AccessibilityFeature[];

  @Field(() => Int, { nullable: true, description: 'Seats; null for no limit' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  capacity?: number | null;

  @Field(() => [SpeakerInput], {
    nullable: true,
    description: 'Speakers, at most 100; a list given replaces the stored one',
  })
  @IsOptional()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  speakers?: SpeakerInput[];
}

@InputType({ description: "A new event; a partner's is SUBMITTED for review, the secretariat's is PUBLISHED" })
export class CreateEventInput extends EventContentInput {
  @Field(() => EventKind, { description: 'What kind of programme item' })
  override kind!: EventKind;

  @TitleInputField({ required: true })
  override title!: string;

  @Field(() => GraphQLDateTime, { description: 'When it starts, with an offset' })
  override startsAt!: Date;

  @Field(() => GraphQLDateTime, { description: 'When it ends, exclusive; after startsAt' })
  override endsAt!: Date;

  @Field({ description: 'IANA time zone of the venue, for example "Asia/Seoul"' })
  override timeZone!: string;

  @Field(() => EventFormat, { description: 'In person, online or hybrid' })
  override format!: EventFormat;

  @Field({
    nullable: true,
    defaultValue: false,
    description: 'True when only the day is known: startsAt and endsAt then span whole local days',
  })
  override allDay?: boolean;

  @Field(() => ID, {
    nullable: true,
    description: 'The organising organisation; partners always organise as their own organisation',
  })
  organizationId?: string | null;
}

@InputType({
  description: 'The changes to a record: a field left out keeps its stored value, null clears an optional one',
})
export class UpdateEventInput extends EventContentInput {}
