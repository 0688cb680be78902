import { type Connection, listConnection } from '@hrc/graph-kit';
import { assertYearRange, type ListQuery } from '@hrc/service-kit';

import type { CitiesContext } from '../context';
import type { IndicatorValueFilter } from './indicator-statistics.inputs';
import type { SeriesQuery, YearFigures } from './indicator-statistics.repository';
import { IndicatorValueListing } from './indicator-value.listing';
import { IndicatorValue } from './indicator.entity';

/** A page of the network's indicator values the caller may read. */
export function listIndicatorValues(
  ctx: CitiesContext,
  query: ListQuery<IndicatorValueFilter>,
): Promise<Connection<IndicatorValue>> {
  assertYearRange(query.filter);
  return listConnection(new IndicatorValueListing(ctx.em, IndicatorValue), ctx.identity, query);
}

/** An indicator's series within the years and region asked for. */
export function seriesOf(ctx: CitiesContext, indicatorId: string, query: SeriesQuery): Promise<YearFigures[]> {
  assertYearRange(query);
  return ctx.loaders.indicatorStatistics
    .seriesOf({ fromYear: query.fromYear ?? null, toYear: query.toYear ?? null, region: query.region ?? null })
    .load(indicatorId);
}
