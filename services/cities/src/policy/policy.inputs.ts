import {
  ArrayMaxSize,
  ArrayMinSize,
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
  BulkMode,
  ModerationStatusFilterField,
  OptionalUrlInputField,
  SearchFilterField,
  TitleInputField,
  TranslationsInputField,
} from '@hrc/graph-kit';

import { PolicyOrderField, PolicyStage, UnMechanism } from './policy.enums';

@InputType({ description: 'Narrows the list of policies; every condition given must hold' })
export class PolicyFilter {
  @Field(() => ID, { nullable: true, description: 'Policies of this city (a City id)' })
  cityId?: string;

  @Field(() => ID, { nullable: true, description: 'Policies contributed by this organisation' })
  organizationId?: string;

  @Field(() => Theme, { nullable: true, description: 'Policies with this theme among theirs' })
  theme?: Theme;

  @Field(() => Int, { nullable: true, description: 'Policies that serve this SDG, 1 to 17' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(17)
  sdg?: number;

  @Field(() => String, { nullable: true, description: 'Policies serving this SDG target, for example "11.7"' })
  sdgTarget?: string;

  @Field(() => PolicyStage, { nullable: true, description: 'Policies at this stage' })
  stage?: PolicyStage;

  @ModerationStatusFilterField()
  status?: ModerationStatus;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Policies adopted on or after this date' })
  adoptedAfter?: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Policies adopted on or before this date' })
  adoptedBefore?: string;

  @SearchFilterField({ description: 'Full-text search over titles and summaries in every language' })
  search?: string;
}

@InputType({ description: 'A UN human rights recommendation the policy answers' })
export class UnRecommendationInput {
  @Field(() => UnMechanism, { description: 'The UN mechanism that made the recommendation' })
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

@InputType({ description: 'How to order policies' })
export class PolicyOrder {
  @Field(() => PolicyOrderField, { description: 'What to order by' })
  field!: PolicyOrderField;
}

@InputType({ description: "A policy's content" })
export class PolicyContentInput {
  @TitleInputField()
  title?: string;

  @TranslationsInputField()
  titleTranslations?: LocalizedTextInput[];

  @Field({ nullable: true, description: 'A summary in its original language, 1 to 4000 characters' })
  @IsOptional()
  @MinLength(1)
  @MaxLength(4000)
  summary?: string;

  @TranslationsInputField()
  summaryTranslations?: LocalizedTextInput[];

  @Field(() => [Theme], { nullable: true, description: 'Themes of the shared taxonomy, at most 10, no repeats' })
  @IsOptional()
  @ArrayMaxSize(10)
  @ArrayUnique()
  themes?: Theme[];

  @Field(() => [Int], {
    nullable: true,
    description: 'UN Sustainable Development Goals, 1 to 17, no repeats; stored in ascending order',
  })
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

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Date of adoption; null when unknown' })
  adoptedOn?: string | null;

  @Field(() => Int, { nullable: true, description: 'Year of adoption, when only the year is known' })
  @IsOptional()
  @Min(1900)
  @Max(2100)
  adoptedIn?: number | null;

  @Field(() => PolicyStage, { nullable: true, description: 'Where the policy stands' })
  stage?: PolicyStage;

  @OptionalUrlInputField()
  @MaxLength(2000)
  sourceUrl?: string | null;
}

@InputType({ description: "A new policy; a partner's is SUBMITTED for review, the secretariat's is PUBLISHED" })
export class CreatePolicyInput extends PolicyContentInput {
  @Field(() => ID, { description: 'The city the policy belongs to (a City id)' })
  cityId!: string;

  @TitleInputField({ required: true })
  override title!: string;

  @Field({ description: 'A summary in its original language, 1 to 4000 characters' })
  @MinLength(1)
  @MaxLength(4000)
  override summary!: string;

  @Field(() => PolicyStage, {
    nullable: true,
    defaultValue: PolicyStage.ADOPTED,
    description: 'Where the policy stands; most policies the network records are adopted ones',
  })
  override stage?: PolicyStage;

  @Field(() => ID, {
    nullable: true,
    description: 'The contributing organisation; partners always contribute as their own organisation',
  })
  organizationId?: string | null;
}

@InputType({ description: 'Up to 200 policies in one call, each reported on its own' })
export class CreatePoliciesInput {
  @Field(() => [CreatePolicyInput], {
    description: 'The policies, at most 200. Each is checked on its own; errors name the row index and the field',
  })
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  rows!: CreatePolicyInput[];

  @Field(() => BulkMode, { defaultValue: BulkMode.ALL_OR_NOTHING, description: 'What a failing row does to the rest' })
  mode: BulkMode = BulkMode.ALL_OR_NOTHING;

  @Field(() => String, {
    nullable: true,
    description:
      'Your idempotency key for this call: a retry with the same key within 24 hours returns the first result and ' +
      'writes nothing; the same key with other rows is a CONFLICT. The Idempotency-Key header works the same way',
  })
  @IsOptional()
  @MaxLength(255)
  clientMutationId?: string | null;
}

@InputType({
  description: 'The changes to a record: a field left out keeps its stored value, null clears an optional one',
})
export class UpdatePolicyInput extends PolicyContentInput {}
