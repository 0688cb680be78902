import { randomUUID } from 'node:crypto';

import { Entity, EntityRepositoryType, Enum, Index, ManyToOne, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

import { type TranslatedText } from '@hrc/domain-kit';
import { VersionedRecord } from '@hrc/graph-kit';

import { City } from '../city/city.entity';
import { OrganizationKind } from './organization.enums';
import { OrganizationRepository } from './organization.repository';

/**
 * A partner organisation. `contactEmail` has no @Field: it is served only through a resolver that checks
 * the caller is the secretariat.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A partner organisation of the network: a city government, NGO, university, UN agency…' })
@Entity({ tableName: 'organization', repository: () => OrganizationRepository })
export class Organization extends VersionedRecord {
  [EntityRepositoryType]?: OrganizationRepository;

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field()
  @Property({ type: 'text', unique: true })
  slug!: string;

  @Property({ type: 'text' })
  @Index()
  name!: string;

  @Property({ type: 'json' })
  nameTranslations: Opt<TranslatedText> = {};

  @Field(() => OrganizationKind)
  @Enum({ items: () => OrganizationKind })
  @Index()
  kind!: OrganizationKind;

  @ManyToOne(() => City, { mapToPk: true, nullable: true, fieldName: 'home_city_id', deleteRule: 'set null' })
  @Index()
  homeCityId: string | null = null;

  @Field({ description: 'ISO 3166-1 alpha-2 country code' })
  @Property({ type: 'character', length: 2 })
  country!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  website: string | null = null;

  @Property({ type: 'text', nullable: true })
  contactEmail: string | null = null;
}
