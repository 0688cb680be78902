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

@InputType({ description: 'Narrows the list of cities; every condition given must hold' })
export class CityFilter {
  @Field(() => Region, { nullable: true, description: 'Cities in this UN M49 region' })
  region?: Region;

  @Field({ nullable: true, description: 'ISO 3166-1 alpha-2 code' })
  @IsOptional()
  @IsIsoCountryCode()
  country?: string;

  @Field(() => MechanismKind, { nullable: true, description: 'Cities that have adopted this mechanism' })
  mechanism?: MechanismKind;

  @Field(() => Network, { nullable: true, description: 'Cities that belong to this network or campaign' })
  network?: Network;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Declared on or after this date' })
  declaredAfter?: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Declared on or before this date' })
  declaredBefore?: string;

  @SearchFilterField({ description: 'Matches the name in any language, or the slug' })
  search?: string;
}

@InputType({ description: 'How to order cities' })
export class CityOrder {
  @Field(() => CityOrderField, { defaultValue: CityOrderField.NAME, description: 'What to order by' })
  field: CityOrderField = CityOrderField.NAME;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: 'Ascending or descending' })
  direction: SortDirection = SortDirection.ASC;
}

@InputType({ description: 'A local human rights mechanism; give adoptedIn, adoptedOn, both or neither' })
export class MechanismInput {
  @Field(() => MechanismKind, { description: 'What kind of mechanism' })
  kind!: MechanismKind;

  @Field(() => Int, { nullable: true, description: 'Year of adoption; null when unknown' })
  @IsOptional()
  @IsInt()
  @Min(1900)
  @Max(CURRENT_YEAR_LIMIT)
  adoptedIn?: number | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Exact date of adoption; null when unknown' })
  adoptedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'What it is called locally, or other detail' })
  @IsOptional()
  @MaxLength(500)
  note?: string | null;
}

@InputType({ description: "A city's membership of a network" })
export class NetworkMembershipInput {
  @Field(() => Network, { description: 'The network or campaign' })
  network!: Network;

  @Field(() => Int, { nullable: true, description: 'Year the city joined; null when unknown' })
  @IsOptional()
  @Min(1990)
  @Max(CURRENT_YEAR_LIMIT)
  joinedIn?: number | null;
}

/** Fields a city profile shares between creation and update. */
@InputType({ description: "A city's profile" })
export class CityProfileInput {
  @Field({ nullable: true, description: 'The name in its original language' })
  @IsOptional()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @TranslationsInputField()
  nameTranslations?: LocalizedTextInput[];

  @Field(() => Int, { nullable: true, description: 'Number of inhabitants; null when unknown' })
  @IsOptional()
  @Min(0)
  @Max(100_000_000)
  population?: number | null;

  @Field(() => Float, { nullable: true, description: 'Degrees north, -90 to 90; give it with longitude' })
  @IsOptional()
  @IsLatitude()
  latitude?: number | null;

  @Field(() => Float, { nullable: true, description: 'Degrees east, -180 to 180; give it with latitude' })
  @IsOptional()
  @IsLongitude()
  longitude?: number | null;

  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: 'Date of the human rights city declaration; null when unknown',
  })
  declaredOn?: string | null;

  @Field(() => Int, { nullable: true, description: 'Year of the declaration, when only the year is known' })
  @IsOptional()
  @Min(1900)
  @Max(CURRENT_YEAR_LIMIT)
  declaredIn?: number | null;

  @Field(() => [MechanismInput], {
    nullable: true,
    description: 'The mechanisms; a list given replaces the stored one',
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  mechanisms?: MechanismInput[];

  @Field(() => [NetworkMembershipInput], {
    nullable: true,
    description: 'The network memberships; a list given replaces the stored one',
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  memberships?: NetworkMembershipInput[];

  @OptionalUrlInputField()
  website?: string | null;
}

@InputType({ description: 'A new city in the network directory (secretariat only)' })
export class CreateCityInput extends CityProfileInput {
  @SlugInputField()
  slug!: string;

  @Field({ description: 'The name in its original language' })
  @MinLength(1)
  @MaxLength(200)
  override name!: string;

  @Field({ description: 'ISO 3166-1 alpha-2 code' })
  @IsIsoCountryCode()
  country!: string;

  @Field(() => Region, { description: 'UN M49 region' })
  @IsIn(Object.values(Region))
  region!: Region;
}

@InputType({
  description: 'The changes to a record: a field left out keeps its stored value, null clears an optional one',
})
export class UpdateCityInput extends CityProfileInput {}
