import { ArgsType, Field, Float, Int, ObjectType } from 'type-graphql';

import { YearFilterField } from '@hrc/graph-kit';

import { Region } from '../city/city.enums';

@ObjectType({
  description: "One year of an indicator's series: how many cities report it and the spread of their values",
})
export class IndicatorYearFigures {
  @Field(() => Int, { description: 'The year the values are for' })
  year!: number;

  @Field(() => Int, { description: 'Cities with a value for the year that the caller may read' })
  cities!: number;

  @Field(() => Float, { description: 'The lowest value' })
  min!: number;

  @Field(() => Float, { description: 'The median value (continuous percentile 0.5)' })
  median!: number;

  @Field(() => Float, { description: 'The highest value' })
  max!: number;

  @Field({ description: 'True when any counted value is illustrative sample data rather than a real figure' })
  includesSampleData!: boolean;
}

@ArgsType()
export class SeriesArgs {
  @YearFilterField({ description: 'From this year on' })
  fromYear?: number | null;

  @YearFilterField({ description: 'Up to this year' })
  toYear?: number | null;

  @Field(() => Region, { nullable: true, description: 'Only cities in this UN M49 region' })
  region?: Region | null;
}
