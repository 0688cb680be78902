import { randomUUID } from 'node:crypto';

import {
  ArrayType,
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

  @Field(() => ID, { description: "The indicator's id" })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field({ description: 'Stable code, for example "SPA-01"' })
  @Property({ type: 'text', unique: true })
  code!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'json' })
  nameTranslations: Opt<TranslatedText> = {};

  @Field({ description: 'What the indicator measures and how' })
  @Property({ type: 'text' })
  description!: string;

  @Field(() => InclusionTheme, { description: 'Which inclusion theme it measures' })
  @Enum({ items: () => InclusionTheme })
  @Index()
  theme!: InclusionTheme;

  @Field(() => IndicatorType, { description: 'Structural, process or outcome' })
  @Enum({ items: () => IndicatorType })
  type!: IndicatorType;

  @Field({ description: 'Unit of the values, for example "percent"' })
  @Property({ type: 'text' })
  unit!: string;

  @Field(() => IndicatorDirection, { description: 'Which way the indicator improves' })
  @Enum({ items: () => IndicatorDirection })
  direction!: IndicatorDirection;

  @Field(() => [String], {
    description: 'SDG targets the indicator measures, for example "11.7"; empty where none has been sourced',
  })
  @Property({ type: ArrayType, columnType: 'text[]' })
  sdgTargets: Opt<string[]> = [];
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

  @Field(() => ID, { description: "The value's id" })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Indicator, { mapToPk: true, fieldName: 'indicator_id', deleteRule: 'cascade' })
  indicatorId!: string;

  @ManyToOne(() => City, { mapToPk: true, fieldName: 'city_id', deleteRule: 'cascade' })
  @Index()
  cityId!: string;

  @Field(() => Int, { description: 'The calendar year the value is for' })
  @Property({ type: 'integer' })
  year!: number;

  @Field(() => Float, { description: 'The figure, in the unit of its indicator' })
  @Property({ type: 'double' })
  value!: number;

  @Field({ description: 'Where the figure comes from; sample figures say so here' })
  @Property({ type: 'text' })
  source!: string;

  @Field(() => Boolean, { description: 'True when the value is illustrative sample data rather than a real figure' })
  @Property({ type: 'boolean', default: false })
  isSampleData: Opt<boolean> = false;
}
