import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, Float, ID, InputType } from 'type-graphql';

import { BCP47_PATTERN, ModerationStatus, Theme } from '@hrc/domain-kit';
import {
  LanguageFilterField,
  type LocalizedTextInput,
  ModerationStatusFilterField,
  SearchFilterField,
  TitleInputField,
  TranslationsInputField,
} from '@hrc/graph-kit';

import { ProgramAudience, ProgramFormat, ProgramOrderField } from './program.enums';

@InputType({ description: 'Narrows a list of programmes; every condition given must hold' })
export class ProgramFilter {
  @Field(() => ProgramAudience, { nullable: true, description: 'Programmes for this audience' })
  audience?: ProgramAudience;

  @Field(() => Theme, { nullable: true, description: 'Programmes with this theme' })
  theme?: Theme;

  @LanguageFilterField({ description: 'BCP 47 tag, for example "ko"' })
  language?: string;

  @Field(() => ProgramFormat, { nullable: true, description: 'Programmes in this format' })
  format?: ProgramFormat;

  @Field(() => ID, { nullable: true, description: 'Programmes serving this city (a City id)' })
  cityId?: string;

  @Field(() => ID, { nullable: true, description: 'Programmes of this provider organisation' })
  providerId?: string;

  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: 'Programmes with a cohort starting on or after this day',
  })
  startsOnOrAfter?: string;

  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: 'Programmes with a cohort starting on or before this day',
  })
  startsOnOrBefore?: string;

  @ModerationStatusFilterField()
  status?: ModerationStatus;

  @SearchFilterField({ description: 'Matches titles and descriptions in every language' })
  search?: string;
}

@InputType({ description: 'How to order programmes' })
export class ProgramOrder {
  @Field(() => ProgramOrderField, { description: 'What to order by' })
  field!: ProgramOrderField;
}

@InputType({ description: "A programme's content" })
export class ProgramContentInput {
  @TitleInputField()
  title?: string;

  @TranslationsInputField()
  titleTranslations?: LocalizedTextInput[];

  @Field({ nullable: true, description: 'A description in its original language' })
  @IsOptional()
  @MinLength(1)
  @MaxLength(4000)
  description?: string;

  @TranslationsInputField()
  descriptionTranslations?: LocalizedTextInput[];

  @Field(() => [ProgramAudience], {
    nullable: true,
    description: 'Who it is for; at least one, no repeats; a list given replaces the stored one',
  })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayUnique()
  audiences?: ProgramAudience[];

  @Field(() => [Theme], { nullable: true, description: 'Themes it teaches, no repeats' })
  @IsOptional()
  @ArrayMaxSize(10)
  @ArrayUnique()
  themes?: Theme[];

  @Field(() => [String], { nullable: true, description: 'Languages it is taught in, as BCP 47 tags, no repeats' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(BCP47_PATTERN, { each: true, message: 'languages must be BCP 47 language tags' })
  languages?: string[];

  @Field(() => ProgramFormat, { nullable: true, description: 'In person, online or blended' })
  format?: ProgramFormat;

  @Field(() => Float, { nullable: true, description: 'Teaching hours, 0.5 to 2000; null when unknown' })
  @IsOptional()
  @Min(0.5)
  @Max(2000)
  durationHours?: number | null;

  @Field(() => [String], { nullable: true, description: 'What participants learn, one statement each, at most 30' })
  @IsOptional()
  @ArrayMaxSize(30)
  @MinLength(1, { each: true })
  @MaxLength(500, { each: true })
  learningOutcomes?: string[];
}

@InputType({ description: "A new programme; a partner's is SUBMITTED for review, the secretariat's is PUBLISHED" })
export class CreateProgramInput extends ProgramContentInput {
  @Field(() => ID, { description: 'The city the programme serves (a City id)' })
  @IsUUID('all', { message: 'cityId must be a City id' })
  cityId!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'The provider organisation; partners always provide as their own organisation, the secretariat must name one',
  })
  @IsOptional()
  @IsUUID('all', { message: 'providerId must be an Organization id' })
  providerId?: string | null;

  @TitleInputField({ required: true })
  override title!: string;

  @Field({ description: 'A description in its original language, 1 to 4000 characters' })
  @MinLength(1)
  @MaxLength(4000)
  override description!: string;

  @Field(() => [ProgramAudience], { description: 'Who it is for; at least one, no repeats' })
  @ArrayMinSize(1)
  @ArrayUnique()
  override audiences!: ProgramAudience[];

  @Field(() => ProgramFormat, {
    nullable: true,
    defaultValue: ProgramFormat.IN_PERSON,
    description: 'In person, online or blended',
  })
  override format?: ProgramFormat;
}

@InputType({
  description: 'The changes to a record: a field left out keeps its stored value, null clears an optional one',
})
export class UpdateProgramInput extends ProgramContentInput {}
