import { Field, ID, InputType } from 'type-graphql';

import { YearFilterField } from '@hrc/graph-kit';

import { Region } from '../city/city.enums';

@InputType({ description: 'Which indicator values to list; every condition given must hold' })
export class IndicatorValueFilter {
  @Field(() => ID, { nullable: true, description: 'Values of this indicator' })
  indicatorId?: string;

  @Field(() => ID, { nullable: true, description: 'Values of this city' })
  cityId?: string;

  @Field(() => Region, { nullable: true, description: 'Values of cities in this UN M49 region' })
  region?: Region;

  @YearFilterField({ description: 'Values for this year or later' })
  fromYear?: number | null;

  @YearFilterField({ description: 'Values for this year or earlier' })
  toYear?: number | null;
}
