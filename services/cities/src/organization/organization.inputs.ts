import { IsEmail, IsOptional, MaxLength, MinLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

import {
  IsIsoCountryCode,
  type LocalizedTextInput,
  OptionalUrlInputField,
  SearchFilterField,
  SlugInputField,
  TranslationsInputField,
} from '@hrc/graph-kit';

import { OrganizationKind } from './organization.enums';

@InputType()
export class OrganizationFilter {
  @Field(() => OrganizationKind, { nullable: true })
  kind?: OrganizationKind;

  @Field({ nullable: true })
  @IsOptional()
  @IsIsoCountryCode()
  country?: string;

  @Field(() => ID, { nullable: true, description: 'Organisations based in this city' })
  cityId?: string;

  @SearchFilterField()
  search?: string;
}

@InputType()
export class OrganizationProfileInput {
  @Field({ nullable: true })
  @IsOptional()
  @MinLength(1)
  @MaxLength(300)
  name?: string;

  @TranslationsInputField()
  nameTranslations?: LocalizedTextInput[];

  @Field(() => OrganizationKind, { nullable: true })
  kind?: OrganizationKind;

  @Field(() => ID, { nullable: true })
  homeCityId?: string | null;

  @Field({ nullable: true })
  @IsOptional()
  @IsIsoCountryCode()
  country?: string;

  @OptionalUrlInputField()
  website?: string | null;

  @Field(() => String, { nullable: true, description: 'Visible to the secretariat only' })
  @IsOptional()
  @IsEmail({}, { message: 'contactEmail must be an email address' })
  @MaxLength(320)
  contactEmail?: string | null;
}

@InputType()
export class CreateOrganizationInput extends OrganizationProfileInput {
  @SlugInputField()
  slug!: string;

  @Field()
  @MinLength(1)
  @MaxLength(300)
  override name!: string;

  @Field(() => OrganizationKind)
  override kind!: OrganizationKind;

  @Field()
  @IsIsoCountryCode()
  override country!: string;
}

@InputType()
export class UpdateOrganizationInput extends OrganizationProfileInput {}
