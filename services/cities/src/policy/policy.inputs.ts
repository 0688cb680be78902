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

import { PolicyOrderField, PolicyStage } from './policy.enums';

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

@InputType()
export class UpdatePolicyInput extends PolicyContentInput {}
