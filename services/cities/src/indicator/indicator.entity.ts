import { randomUUID } from 'node:crypto';

import {
  Entity,
  EntityRepositoryType,
  Enum,
  Index,
  ManyToOne,
  PrimaryKey,
  Property,
  Unique,
  type Opt,
} from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';

import { type TranslatedText } from '@hrc/domain-kit';
import { ContributedRecord } from '@hrc/graph-kit';

import { City } from '../city/city.entity';
import { IndicatorDirection, IndicatorType, InclusionTheme } from './indicator.enums';
import { IndicatorRepository, IndicatorValueRepository } from './indicator.repository';

@ObjectType({ description: 'An indicator of the inclusive-city marker system' })
@Entity({ tableName: 'indicator', repository: () => IndicatorRepository })
export class Indicator {
  [EntityRepositoryType]?: IndicatorRepository;

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field({ description: 'Stable code, for example "SPA-01"' })
  @Property({ type: 'text', unique: true })
  code!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'json' })
  nameTranslations: Opt<TranslatedText> = {};

  @Field()
  @Property({ type: 'text' })
  description!: string;

  @Field(() => InclusionTheme)
  @Enum({ items: () => InclusionTheme })
  @Index()
  theme!: InclusionTheme;

  @Field(() => IndicatorType)
  @Enum({ items: () => IndicatorType })
  type!: IndicatorType;

  @Field({ description: 'Unit of the values, for example "percent"' })
  @Property({ type: 'text' })
  unit!: string;

  @Field(() => IndicatorDirection)
  @Enum({ items: () => IndicatorDirection })
  direction!: IndicatorDirection;
}

@ObjectType({ description: "A city's value for an indicator in a year" })
@Entity({ tableName: 'indicator_value', repository: () => IndicatorValueRepository })
// Competing values: one PUBLISHED per (indicator, city, year); each organisation's submissions wait side by side.
@Unique({
  name: 'indicator_value_published_unique',
  expression: `create unique index "indicator_value_published_unique" on "cities"."indicator_value" ("indicator_id", "city_id", "year") where "status" = 'PUBLISHED'`,
})
@Unique({
  name: 'indicator_value_submitted_unique',
  expression: `create unique index "indicator_value_submitted_unique" on "cities"."indicator_value" ("indicator_id", "city_id", "year", "contributed_by") where "status" = 'SUBMITTED'`,
})
@Index({ properties: ['indicatorId', 'cityId', 'year'], name: 'indicator_value_key_index' })
export class IndicatorValue extends ContributedRecord {
  [EntityRepositoryType]?: IndicatorValueRepository;

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Indicator, { mapToPk: true, fieldName: 'indicator_id', deleteRule: 'cascade' })
  indicatorId!: string;

  @ManyToOne(() => City, { mapToPk: true, fieldName: 'city_id', deleteRule: 'cascade' })
  @Index()
  cityId!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  year!: number;

  @Field(() => Float)
  @Property({ type: 'double' })
  value!: number;

  @Field({ description: 'Where the figure comes from; sample figures say so here' })
  @Property({ type: 'text' })
  source!: string;
}
