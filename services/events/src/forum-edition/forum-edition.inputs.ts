import { IsInt, IsOptional, Max, MaxLength, Min, MinLength } from 'class-validator';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';

import { type LocalizedTextInput, TranslationsInputField } from '@hrc/graph-kit';

import { EventFormat } from '../event/event.enums';

@InputType()
export class ForumEditionContentInput {
  @Field(() => Int, { nullable: true })
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

  @Field(() => GraphQLLocalDate, { nullable: true })
  startsOn?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  endsOn?: string | null;

  @Field(() => EventFormat, { nullable: true })
  format?: EventFormat;

  @Field({ nullable: true, description: 'IANA time zone of the host city' })
  timeZone?: string;

  @Field(() => ID, { nullable: true, description: 'The host city (a City id from the cities subgraph)' })
  hostCityId?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(1000)
  note?: string | null;
}

@InputType()
export class CreateForumEditionInput extends ForumEditionContentInput {
  @Field(() => Int)
  @IsInt()
  @Min(2011)
  @Max(2100)
  year!: number;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(1000)
  override number!: number;

  @Field(() => EventFormat)
  override format!: EventFormat;

  @Field(() => ID)
  override hostCityId!: string;

  @Field({
    nullable: true,
    defaultValue: 'Asia/Seoul',
    description: 'IANA time zone of the host city; most editions met in Gwangju',
  })
  override timeZone?: string;
}

@InputType()
export class UpdateForumEditionInput extends ForumEditionContentInput {}
