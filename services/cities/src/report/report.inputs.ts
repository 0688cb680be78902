import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';

import { Theme } from '@hrc/domain-kit';
import { YearFilterField } from '@hrc/graph-kit';

import { Region } from '../city/city.enums';

@InputType({ description: 'What the network report covers; every condition given must hold' })
export class NetworkReportFilter {
  @YearFilterField({
    description:
      'From this year: policies adopted, editions held, sessions starting and cohorts starting in it or later',
  })
  fromYear?: number | null;

  @YearFilterField({ description: 'Up to this year, inclusive' })
  toYear?: number | null;

  @Field(() => Region, { nullable: true, description: 'Only cities in this UN M49 region' })
  region?: Region | null;

  @Field(() => String, { nullable: true, description: 'Only cities in this country (ISO 3166-1 alpha-2)' })
  country?: string | null;

  @Field(() => Theme, { nullable: true, description: 'Count only policies and programmes with this theme' })
  theme?: Theme | null;

  @Field(() => Int, { nullable: true, description: 'Count only policies serving this SDG goal (1 to 17)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(17)
  sdg?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Count only policies serving this SDG target, for example "11.7" (one of the 169 official targets)',
  })
  sdgTarget?: string | null;
}
