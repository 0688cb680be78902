import { IsInt, IsOptional, Max, MaxLength, Min, MinLength } from 'class-validator';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';

import { type LocalizedTextInput, TranslationsInputField } from '@hrc/graph-kit';

import { EventFormat } from '../event/event.enums';

@InputType({ description: "A forum edition's details" })
export class ForumEditionContentInput {
  @Field(() => Int, { nullable: true, description: 'The edition number: 1 for 2011' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  number?: number;

  @Field(() => String, { nullable: true, description: 'Null when the theme is not known' })
  @IsOptional()
  @MinLength(3)
  @MaxLength(300)
  theme?: string | null;

  @TranslationsInputField()
  themeTranslations?: LocalizedTextInput[];

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'First day, in the host city; null when not known' })
  startsOn?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Last day, in the host city; null when not known' })
  endsOn?: string | null;

  @Field(() => EventFormat, { nullable: true, description: 'In person, online or hybrid' })
  format?: EventFormat;

  @Field({ nullable: true, description: 'IANA time zone of the host city' })
  timeZone?: string;

  @Field(() => ID, { nullable: true, description: 'The host city (a City id from the cities subgraph)' })
  hostCityId?: string;

  @Field(() => String, {
    nullable: true,
    description: 'What the edition is remembered for, such as a declaration adopted; null when nothing is recorded',
  })
  @IsOptional()
  @MaxLength(1000)
  note?: string | null;
}

@InputType({ description: 'A new forum edition (secretariat only); its year identifies it' })
export class CreateForumEditionInput extends ForumEditionContentInput {
  @Field(() => Int, { description: 'The year it is held, 2011 to 2100; one edition a year' })
  @IsInt()
  @Min(2011)
  @Max(2100)
  year!: number;

  @Field(() => Int, { description: 'The edition number: 1 for 2011' })
  @IsInt()
  @Min(1)
  @Max(1000)
  override number!: number;

  @Field(() => EventFormat, { description: 'In person, online or hybrid' })
  override format!: EventFormat;

  @Field(() => ID, { description: 'The host city (a City id from the cities subgraph)' })
  override hostCityId!: string;

  @Field({
    nullable: true,
    defaultValue: 'Asia/Seoul',
    description: 'IANA time zone of the host city; most editions met in Gwangju',
  })
  override timeZone?: string;
}

@InputType({
  description: 'The changes to an edition: a field left out keeps its stored value, null clears an optional one',
})
export class UpdateForumEditionInput extends ForumEditionContentInput {}
