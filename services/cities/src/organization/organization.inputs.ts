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

@InputType({ description: 'Narrows the list of organisations; every condition given must hold' })
export class OrganizationFilter {
  @Field(() => OrganizationKind, { nullable: true, description: 'Organisations of this kind' })
  kind?: OrganizationKind;

  @Field({ nullable: true, description: 'Organisations in this country (ISO 3166-1 alpha-2)' })
  @IsOptional()
  @IsIsoCountryCode()
  country?: string;

  @Field(() => ID, { nullable: true, description: 'Organisations based in this city' })
  cityId?: string;

  @SearchFilterField()
  search?: string;
}

@InputType({ description: "An organisation's profile" })
export class OrganizationProfileInput {
  @Field({ nullable: true, description: 'The name in its original language' })
  @IsOptional()
  @MinLength(1)
  @MaxLength(300)
  name?: string;

  @TranslationsInputField()
  nameTranslations?: LocalizedTextInput[];

  @Field(() => OrganizationKind, { nullable: true, description: 'What kind of organisation' })
  kind?: OrganizationKind;

  @Field(() => ID, { nullable: true, description: 'The city it is based in (a City id); null when none' })
  homeCityId?: string | null;

  @Field({ nullable: true, description: 'ISO 3166-1 alpha-2 country code' })
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

@InputType({ description: 'A new partner organisation (secretariat only)' })
export class CreateOrganizationInput extends OrganizationProfileInput {
  @SlugInputField()
  slug!: string;

  @Field({ description: 'The name in its original language, 1 to 300 characters' })
  @MinLength(1)
  @MaxLength(300)
  override name!: string;

  @Field(() => OrganizationKind, { description: 'What kind of organisation' })
  override kind!: OrganizationKind;

  @Field({ description: 'ISO 3166-1 alpha-2 country code' })
  @IsIsoCountryCode()
  override country!: string;
}

@InputType({
  description: 'The changes to a record: a field left out keeps its stored value, null clears an optional one',
})
export class UpdateOrganizationInput extends OrganizationProfileInput {}
