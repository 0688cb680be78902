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

@InputType()
export class ProgramFilter {
  @Field(() => ProgramAudience, { nullable: true })
  audience?: ProgramAudience;

  @Field(() => Theme, { nullable: true })
  theme?: Theme;

  @LanguageFilterField({ description: 'BCP 47 tag, for example "ko"' })
  language?: string;

  @Field(() => ProgramFormat, { nullable: true })
  format?: ProgramFormat;

  @Field(() => ID, { nullable: true })
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

@InputType()
export class ProgramOrder {
  @Field(() => ProgramOrderField)
  field!: ProgramOrderField;
}

@InputType()
export class ProgramContentInput {
  @TitleInputField()
  title?: string;

  @TranslationsInputField()
  titleTranslations?: LocalizedTextInput[];

  @Field({ nullable: true })
  @IsOptional()
  @MinLength(1)
  @MaxLength(4000)
  description?: string;

  @TranslationsInputField()
  descriptionTranslations?: LocalizedTextInput[];

  @Field(() => [ProgramAudience], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayUnique()
  audiences?: ProgramAudience[];

  @Field(() => [Theme], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  @ArrayUnique()
  themes?: Theme[];

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(BCP47_PATTERN, { each: true, message: 'languages must be BCP 47 language tags' })
  languages?: string[];

  @Field(() => ProgramFormat, { nullable: true })
  format?: ProgramFormat;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @Min(0.5)
  @Max(2000)
  durationHours?: number | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(30)
  @MinLength(1, { each: true })
  @MaxLength(500, { each: true })
  learningOutcomes?: string[];
}

@InputType()
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

  @Field()
  @MinLength(1)
  @MaxLength(4000)
  override description!: string;

  @Field(() => [ProgramAudience])
  @ArrayMinSize(1)
  @ArrayUnique()
  override audiences!: ProgramAudience[];

  @Field(() => ProgramFormat, { nullable: true, defaultValue: ProgramFormat.IN_PERSON })
  override format?: ProgramFormat;
}

@InputType()
export class UpdateProgramInput extends ProgramContentInput {}
