import { Entity, EntityRepositoryType, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Directive, Field, ObjectType } from 'type-graphql';

import { City } from '../city/city.entity';
import { DirectoryRecord } from '../directory-record';
import { OrganizationKind } from './organization.enums';
import { OrganizationRepository } from './organization.repository';

/**
 * A partner organisation. `contactEmail` has no @Field: it is served only through a field resolver declared
 * `@PrivateTo(Rule.SECRETARIAT, …)`, null for everyone else.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A partner organisation of the network: a city government, NGO, university, UN agency…' })
@Entity({ tableName: 'organization', repository: () => OrganizationRepository })
// Keyset orders and nested pages: the order of the organisation list, by name.
@Index({
  name: 'organization_lower_name_id_index',
  expression: `create index "organization_lower_name_id_index" on "cities"."organization" (lower("name"), "id")`,
})
export class Organization extends DirectoryRecord {
  [EntityRepositoryType]?: OrganizationRepository;

  @Field(() => OrganizationKind, { description: 'What kind of organisation' })
  @Enum({ items: () => OrganizationKind })
  @Index()
  kind!: OrganizationKind;

  @ManyToOne(() => City, { mapToPk: true, nullable: true, fieldName: 'home_city_id', deleteRule: 'set null' })
  @Index()
  homeCityId: string | null = null;

  @Field({ description: 'ISO 3166-1 alpha-2 country code' })
  @Property({ type: 'character', length: 2 })
  country!: string;

  @Field(() => String, { nullable: true, description: "The organisation's website; null when unknown" })
  @Property({ type: 'text', nullable: true })
  website: string | null = null;

  @Property({ type: 'text', nullable: true })
  contactEmail: string | null = null;
}
