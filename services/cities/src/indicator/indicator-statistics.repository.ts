import type { EntityManager } from '@mikro-orm/postgresql';

import { visibilitySql } from '@hrc/domain-kit';
import { type Identity, isUuid, tableQuery, tableRef, type YearRange, yearRangeSql } from '@hrc/service-kit';

import type { Region } from '../city/city.enums';
import { IndicatorValue } from './indicator.entity';

export interface SeriesQuery extends YearRange {
  region?: Region | null;
}

export interface YearFigures {
  year: number;
  cities: number;
  min: number;
  median: number;
  max: number;
  includesSampleData: boolean;
}

/**
 * Each indicator's series for a batch of indicators in one statement: per year, the cities reporting a value the caller
 * may read, and the minimum, median (`percentile_cont(0.5)`) and maximum of those values.
 */
export async function seriesOfIndicators(
  em: EntityManager,
  identity: Identity,
  query: SeriesQuery,
  indicatorIds: readonly string[],
): Promise<Map<string, YearFigures[]>> {
  const series = new Map<string, YearFigures[]>(indicatorIds.map((id) => [id, []]));
  const ids = indicatorIds.filter(isUuid);
  if (ids.length === 0) return series;
  const knex = em.getKnex();
  const visibility = visibilitySql(identity, 'v');
  const years = yearRangeSql('v.year', query);
  const select = tableQuery(em, IndicatorValue, 'v')
    .select(
      knex.raw(
        `v.indicator_id::text as indicator, v.year,
         count(distinct v.city_id)::int as cities,
         min(v.value) as min,
         percentile_cont(0.5) within group (order by v.value) as median,
         max(v.value) as max,
         bool_or(v.is_sample_data) as sample`,
      ),
    )
    .whereRaw('v.indicator_id = any(?)', [ids])
    .whereRaw(visibility.sql, visibility.bindings)
    .whereRaw(years.sql, years.bindings)
    .groupBy('v.indicator_id', 'v.year')
    .orderBy('v.year', 'asc');
  if (query.region) select.join(tableRef(em, 'City', 'c'), 'c.id', 'v.city_id').where('c.region', query.region);
  const rows = (await select) as Array<{
    indicator: string;
    year: number;
    cities: number;
    min: number;
    median: number;
    max: number;
    sample: boolean;
  }>;
  for (const row of rows) {
    series.get(row.indicator)?.push({
      year: row.year,
      cities: row.cities,
      min: Number(row.min),
      median: Number(row.median),
      max: Number(row.max),
      includesSampleData: row.sample,
    });
  }
  return series;
}
