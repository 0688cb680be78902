import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';

import { Rule } from '@hrc/domain-kit';
import { Allow } from '@hrc/graph-kit';

import { City } from '../city/city.entity';
import { Region } from '../city/city.enums';
import type { CitiesContext } from '../context';
import { networkPolicyStatistics } from './policy-statistics.service';
import { PolicyStatistics } from './policy-statistics.type';
import { PolicyFilter } from './policy.inputs';

@Resolver(() => PolicyStatistics)
export class PolicyStatisticsResolver {
  @Allow(Rule.PUBLIC)
  @Query(() => PolicyStatistics, {
    description:
      "The network's policies counted by theme, SDG goal, stage, region, country and adoption year, in one query; " +
      'the same filter as `policies`, optionally within one region',
  })
  policyStatistics(
    @Ctx() ctx: CitiesContext,
    @Arg('filter', () => PolicyFilter, {
      nullable: true,
      description: 'The same filter as policies; every readable policy when absent',
    })
    filter?: PolicyFilter,
    @Arg('region', () => Region, { nullable: true, description: 'Only policies of cities in this UN M49 region' })
    region?: Region,
  ): Promise<PolicyStatistics> {
    return networkPolicyStatistics(ctx, filter, region);
  }
}

/** `City.policyStatistics`: every city on a page in one aggregate statement. */
@Resolver(() => City)
export class CityPolicyStatisticsResolver {
  @FieldResolver(() => PolicyStatistics, {
    description:
      "The city's policies counted by theme, SDG goal, stage and adoption year; the same filter as `policies`",
  })
  policyStatistics(
    @Root() city: City,
    @Ctx() ctx: CitiesContext,
    @Arg('filter', () => PolicyFilter, {
      nullable: true,
      description: 'The same filter as policies; every readable policy when absent',
    })
    filter?: PolicyFilter,
  ): Promise<PolicyStatistics> {
    return ctx.loaders.policyStatistics.ofCity(filter).load(city.id);
  }
}
