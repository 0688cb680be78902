import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';

import { Rule } from '@hrc/domain-kit';
import { Allow } from '@hrc/graph-kit';

import { City } from '../city/city.entity';
import type { CitiesContext } from '../context';
import { NetworkReportFilter } from './report.inputs';
import { networkReport } from './report.service';
import { NetworkReport, NetworkReportRow, type NetworkReportTotals } from './report.type';

@Resolver(() => NetworkReport)
export class NetworkReportResolver {
  @Allow(Rule.PUBLIC)
  @Query(() => NetworkReport, {
    description:
      'The network report in one query: a row per city combining the three subgraphs, with totals per region and for ' +
      'the network that always equal the sum of the rows. Counts only records the caller may read',
  })
  networkReport(
    @Ctx() ctx: CitiesContext,
    @Arg('filter', () => NetworkReportFilter, {
      nullable: true,
      description: 'Which cities and years to count; the whole network when absent',
    })
    filter?: NetworkReportFilter,
  ): Promise<NetworkReport> {
    return networkReport(ctx, filter);
  }
}

@Resolver(() => NetworkReportRow)
export class NetworkReportRowCityResolver {
  @FieldResolver(() => City, {
    description: 'The city this row counts (read, for every row of the report at once, only when selected)',
  })
  async city(@Root() row: NetworkReportRow, @Ctx() ctx: CitiesContext): Promise<City> {
    const city = await ctx.loaders.cities.byId.load(row.cityId);
    if (!city) throw new Error(`The report's city ${row.cityId} is gone`);
    return city;
  }
}

/*
 * Rows and totals are only ever returned by `networkReport`: the gateway never asks this subgraph to resolve them by
 * key. The resolvers return the key so that a representation is never an error.
 */
export const networkReportReferenceResolvers = {
  NetworkReportRow: {
    __resolveReference(reference: Pick<NetworkReportRow, 'cityId' | 'scope'>) {
      return reference;
    },
  },
  NetworkReportTotals: {
    __resolveReference(reference: Pick<NetworkReportTotals, 'scope' | 'area'>) {
      return reference;
    },
  },
};
