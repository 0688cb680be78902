import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';

import { Rule } from '@hrc/domain-kit';
import { Allow, type Connection, PageArgs, selectsTotalCount } from '@hrc/graph-kit';

import type { CitiesContext } from '../context';
import { IndicatorValueFilter } from './indicator-statistics.inputs';
import * as statistics from './indicator-statistics.service';
import { IndicatorYearFigures, SeriesArgs } from './indicator-statistics.type';
import { Indicator, IndicatorValue } from './indicator.entity';
import { IndicatorValueConnection } from './indicator.resolver';

@Resolver(() => IndicatorValue)
export class IndicatorValueListResolver {
  @Allow(Rule.PUBLIC)
  @Query(() => IndicatorValue, {
    nullable: true,
    description: 'One indicator value; null when it does not exist or is not visible to you',
  })
  indicatorValue(
    @Ctx() ctx: CitiesContext,
    @Arg('id', () => ID, { description: 'The IndicatorValue id' }) id: string,
  ): Promise<IndicatorValue | null> {
    return ctx.loaders.indicatorStatistics.valueById.load(id);
  }

  @Allow(Rule.PUBLIC)
  @Query(() => IndicatorValueConnection, {
    description:
      'Indicator values across the network, newest year first, filtered by indicator, city, region and years; ' +
      'only values the caller may read, and the total counts only those',
  })
  indicatorValues(
    @Ctx() ctx: CitiesContext,
    @Info() info: GraphQLResolveInfo,
    @Args() { first, after }: PageArgs,
    @Arg('filter', () => IndicatorValueFilter, {
      nullable: true,
      description: 'Narrows the list; every readable value when absent',
    })
    filter?: IndicatorValueFilter,
  ): Promise<Connection<IndicatorValue>> {
    return statistics.listIndicatorValues(ctx, { filter, first, after, withTotal: selectsTotalCount(info) });
  }
}

/** `Indicator.series`: every indicator on a page in one aggregate statement. */
@Resolver(() => Indicator)
export class IndicatorSeriesResolver {
  @FieldResolver(() => [IndicatorYearFigures], {
    description:
      'Per year, oldest first: how many cities report the indicator, and the minimum, median and maximum of their values',
  })
  series(
    @Root() indicator: Indicator,
    @Ctx() ctx: CitiesContext,
    @Args() args: SeriesArgs,
  ): Promise<IndicatorYearFigures[]> {
    return statistics.seriesOf(ctx, indicator.id, args);
  }
}
