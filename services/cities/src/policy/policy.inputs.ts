import {
  ArrayMaxSize,
  ArrayUnique,
  IsInt,
  IsOptional,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';

import { ModerationStatus, Theme } from '@hrc/domain-kit';
import {
  IsSdgList,
  type LocalizedTextInput,
  ModerationStatusFilterField,
  OptionalUrlInputField,
  SearchFilterField,
  TitleInputField,
  TranslationsInputField,
} from '@hrc/graph-kit';

import { PolicyOrderField, PolicyStage, UnMechanism } from './policy.enums';

@InputType()
export class PolicyFilter {
  @Field(() => ID, { nullable: true })
  cityId?: string;

  @Field(() => ID, { nullable: true, description: 'Policies contributed by this organisation' })
  organizationId?: string;

  @Field(() => Theme, { nullable: true })
  theme?: Theme;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(17)
  sdg?: number;

  @Field(() => String, { nullable: true, description: 'Policies serving this SDG target, for example "11.7"' })
  sdgTarget?: string;

  @Field(() => PolicyStage, { nullable: true })
  stage?: PolicyStage;

  @ModerationStatusFilterField()
  status?: ModerationStatus;

  @Field(() => GraphQLLocalDate, { nullable: true })
  adoptedAfter?: string;

  @Field(() => GraphQLLocalDate, { nullable: true })
  adoptedBefore?: string;

  @SearchFilterField({ description: 'Full-text search over titles and summaries in every language' })
  search?: string;
}

@InputType({ description: 'A UN human rights recommendation the policy answers' })
export class UnRecommendationInput {
  @Field(() => UnMechanism)
  mechanism!: UnMechanism;

  @Field(() => String, {
    nullable: true,
    description: 'The treaty body or special procedure, or the State under review',
  })
  @IsOptional()
  @MaxLength(200)
  body?: string | null;

  @Field(() => Int, { nullable: true, description: 'The UPR cycle (1 from 2008)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  cycle?: number | null;

  @Field(() => String, { nullable: true, description: 'The recommendation as numbered by the mechanism' })
  @IsOptional()
  @MaxLength(50)
  recommendation?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The record in the Universal Human Rights Index, https://uhri.ohchr.org/…',
  })
  @IsOptional()
  @MaxLength(2000)
  uhriUrl?: string | null;
}

@InputType()
export class PolicyOrder {
  @Field(() => PolicyOrderField)
  field!: PolicyOrderField;
}

@InputType()
export class PolicyContentInput {
  @TitleInputField()
  title?: string;

  @TranslationsInputField()
  titleTranslations?: LocalizedTextInput[];

  @Field({ nullable: true })
  @IsOptional()
  @MinLength(1)
  @MaxLength(4000)
  summary?: string;

  @TranslationsInputField()
  summaryTranslations?: LocalizedTextInput[];

  @Field(() => [Theme], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  @ArrayUnique()
  themes?: Theme[];

  @Field(() => [Int], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(17)
  @ArrayUnique()
  @IsSdgList()
  sdgs?: number[];

  @Field(() => [String], {
    nullable: true,
    description: 'SDG targets, for example "11.7"; each one of the 169 official targets',
  })
  @IsOptional()
  @ArrayMaxSize(30)
  @ArrayUnique()
  sdgTargets?: string[];

  @Field(() => [UnRecommendationInput], {
    nullable: true,
    description: 'UN human rights recommendations the policy answers; replaces the list',
  })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  unRecommendations?: UnRecommendationInput[];

  @Field(() => GraphQLLocalDate, { nullable: true })
  adoptedOn?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(1900)
  @Max(2100)
  adoptedIn?: number | null;

  @Field(() => PolicyStage, { nullable: true })
  stage?: PolicyStage;

  @OptionalUrlInputField()
  @MaxLength(2000)
  sourceUrl?: string | null;
}

@InputType()
export class CreatePolicyInput extends PolicyContentInput {
  @Field(() => ID)
  cityId!: string;

  @TitleInputField({ required: true })
  override title!: string;

  @Field()
  @MinLength(1)
  @MaxLength(4000)
  override summary!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The contributing organisation; partners always contribute as their own organisation',
  })
  organizationId?: string | null;
}

@InputType()
export class UpdatePolicyInput extends PolicyContentInput {}
