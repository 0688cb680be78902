import {
  ArrayMaxSize,
  IsIn,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsOptional,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, Float, InputType, Int } from 'type-graphql';

import {
  IsIsoCountryCode,
  type LocalizedTextInput,
  OptionalUrlInputField,
  SearchFilterField,
  SlugInputField,
  TranslationsInputField,
} from '@hrc/graph-kit';

import { CityOrderField, MechanismKind, Network, Region, SortDirection } from './city.enums';

const CURRENT_YEAR_LIMIT = 2100;

@InputType()
export class CityFilter {
  @Field(() => Region, { nullable: true })
  region?: Region;

  @Field({ nullable: true, description: 'ISO 3166-1 alpha-2 code' })
  @IsOptional()
  @IsIsoCountryCode()
  country?: string;

  @Field(() => MechanismKind, { nullable: true, description: 'Cities that have adopted this mechanism' })
  mechanism?: MechanismKind;

  @Field(() => Network, { nullable: true })
  network?: Network;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Declared on or after this date' })
  declaredAfter?: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Declared on or before this date' })
  declaredBefore?: string;

  @SearchFilterField({ description: 'Matches the name in any language, or the slug' })
  search?: string;
}

@InputType()
export class CityOrder {
  @Field(() => CityOrderField, { defaultValue: CityOrderField.NAME })
  field: CityOrderField = CityOrderField.NAME;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
  direction: SortDirection = SortDirection.ASC;
}

@InputType()
export class MechanismInput {
  @Field(() => MechanismKind)
  kind!: MechanismKind;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1900)
  @Max(CURRENT_YEAR_LIMIT)
  adoptedIn?: number | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  adoptedOn?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(500)
  note?: string | null;
}

@InputType()
export class NetworkMembershipInput {
  @Field(() => Network)
  network!: Network;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(1990)
  @Max(CURRENT_YEAR_LIMIT)
  joinedIn?: number | null;
}

/** Fields a city profile shares between creation and update. */
@InputType()
export class CityProfileInput {
  @Field({ nullable: true })
  @IsOptional()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @TranslationsInputField()
  nameTranslations?: LocalizedTextInput[];

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(0)
  @Max(100_000_000)
  population?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsLatitude()
  latitude?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsLongitude()
  longitude?: number | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  declaredOn?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(1900)
  @Max(CURRENT_YEAR_LIMIT)
  declaredIn?: number | null;

  @Field(() => [MechanismInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  mechanisms?: MechanismInput[];

  @Field(() => [NetworkMembershipInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  memberships?: NetworkMembershipInput[];

  @OptionalUrlInputField()
  website?: string | null;
}

@InputType()
export class CreateCityInput extends CityProfileInput {
  @SlugInputField()
  slug!: string;

  @Field()
  @MinLength(1)
  @MaxLength(200)
  override name!: string;

  @Field({ description: 'ISO 3166-1 alpha-2 code' })
  @IsIsoCountryCode()
  country!: string;

  @Field(() => Region)
  @IsIn(Object.values(Region))
  region!: Region;
}

@InputType()
export class UpdateCityInput extends CityProfileInput {}
