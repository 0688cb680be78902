import { Embeddable, Embedded, Entity, EntityRepositoryType, Enum, Index, Property, type Opt } from '@mikro-orm/core';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Directive, Field, Int, ObjectType } from 'type-graphql';

import { DirectoryRecord } from '../directory-record';
import { MechanismKind, Network, Region } from './city.enums';
import { CityRepository } from './city.repository';

@Embeddable()
@ObjectType({ description: 'A local human rights mechanism and when it was adopted' })
export class HumanRightsMechanism {
  @Field(() => MechanismKind, { description: 'What kind of mechanism' })
  @Enum({ items: () => MechanismKind })
  kind!: MechanismKind;

  @Field(() => Int, { nullable: true, description: 'Year of adoption, when known' })
  @Property({ type: 'integer', nullable: true })
  adoptedIn: number | null = null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Exact date of adoption, when known' })
  @Property({ type: 'date', nullable: true })
  adoptedOn: string | null = null;

  @Field(() => String, {
    nullable: true,
    description: 'What the mechanism is called locally, or other detail; null when none',
  })
  @Property({ type: 'text', nullable: true })
  note: string | null = null;
}

@Embeddable()
@ObjectType({ description: 'Membership of a network or campaign of human rights cities' })
export class NetworkMembership {
  @Field(() => Network, { description: 'The network or campaign' })
  @Enum({ items: () => Network })
  network!: Network;

  @Field(() => Int, { nullable: true, description: 'Year the city joined; null when unknown' })
  @Property({ type: 'integer', nullable: true })
  joinedIn: number | null = null;
}

@Directive('@key(fields: "id")')
@Directive('@key(fields: "slug")')
@ObjectType({ description: 'A human rights city' })
@Entity({ tableName: 'city', repository: () => CityRepository })
// Keyset orders and nested pages: the default order of the city list, by name; cities by country, then name; cities by declaration; cities by population.
@Index({
  name: 'city_lower_name_id_index',
  expression: `create index "city_lower_name_id_index" on "cities"."city" (lower("name"), "id")`,
})
@Index({
  name: 'city_country_lower_name_id_index',
  expression: `create index "city_country_lower_name_id_index" on "cities"."city" ("country", lower("name"), "id")`,
})
@Index({
  name: 'city_declared_id_index',
  expression: `create index "city_declared_id_index" on "cities"."city" ((coalesce(coalesce("declared_on", make_date("declared_in", 1, 1)), '0001-01-01'::date)), "id")`,
})
@Index({
  name: 'city_population_id_index',
  expression: `create index "city_population_id_index" on "cities"."city" ((coalesce("population", -1)), "id")`,
})
export class City extends DirectoryRecord {
  [EntityRepositoryType]?: CityRepository;

  @Field({ description: 'ISO 3166-1 alpha-2 country code' })
  @Property({ type: 'character', length: 2 })
  @Index()
  country!: string;

  @Field(() => Region, { description: 'UN M49 region' })
  @Enum({ items: () => Region })
  @Index()
  region!: Region;

  @Field(() => Int, { nullable: true, description: 'Number of inhabitants; null when unknown (the seed knows none)' })
  @Property({ type: 'integer', nullable: true })
  population: number | null = null;

  @Property({ type: 'double', nullable: true })
  latitude: number | null = null;

  @Property({ type: 'double', nullable: true })
  longitude: number | null = null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Date the city declared itself a human rights city' })
  @Property({ type: 'date', nullable: true })
  declaredOn: string | null = null;

  @Field(() => Int, { nullable: true, description: 'Year of the declaration, when only the year is known' })
  @Property({ type: 'integer', nullable: true })
  declaredIn: number | null = null;

  @Field(() => [HumanRightsMechanism], {
    description: 'Local human rights mechanisms, with when each was adopted; empty when none is recorded',
  })
  @Embedded(() => HumanRightsMechanism, { array: true })
  mechanisms: Opt<HumanRightsMechanism[]> = [];

  @Field(() => [NetworkMembership], {
    description: 'Networks and campaigns of human rights cities the city belongs to',
  })
  @Embedded(() => NetworkMembership, { array: true })
  memberships: Opt<NetworkMembership[]> = [];

  @Field(() => String, { nullable: true, description: "The city's own human rights web page; null when unknown" })
  @Property({ type: 'text', nullable: true })
  website: string | null = null;
}
