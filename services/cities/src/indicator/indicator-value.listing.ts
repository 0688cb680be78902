import type { Knex } from '@mikro-orm/postgresql';

import { visibilitySql } from '@hrc/domain-kit';
import {
  type Identity,
  isUuid,
  keysetOrder,
  ListingRepository,
  tableQuery,
  tableRef,
  yearRangeSql,
} from '@hrc/service-kit';

import type { IndicatorValueFilter } from './indicator-statistics.inputs';
import type { IndicatorValue } from './indicator.entity';

/**
 * The network-wide list of indicator values (`Query.indicatorValues`): newest year first, then by id. Kept apart from
 * `IndicatorValueRepository` (the per-city values) so the list's filters and keyset live in one place.
 */
export class IndicatorValueListing extends ListingRepository<IndicatorValue, IndicatorValueFilter> {
  protected readonly listName = 'indicator-values';
  protected readonly alias = 'v';
  protected override readonly sort = keysetOrder('desc', 'v.year', 'v.id');

  protected filtered(identity: Identity, filter: IndicatorValueFilter = {}) {
    return (_knex: Knex) => {
      const query = tableQuery(this.em, this.entityName, 'v');
      const visibility = visibilitySql(identity, 'v');
      query.whereRaw(visibility.sql, visibility.bindings);
      if (filter.indicatorId !== undefined) {
        if (isUuid(filter.indicatorId)) query.where('v.indicator_id', filter.indicatorId);
        else query.whereRaw('false');
      }
      if (filter.cityId !== undefined) {
        if (isUuid(filter.cityId)) query.where('v.city_id', filter.cityId);
        else query.whereRaw('false');
      }
      if (filter.region) {
        query.join(tableRef(this.em, 'City', 'c'), 'c.id', 'v.city_id').where('c.region', filter.region);
      }
      const years = yearRangeSql('v.year', filter);
      query.whereRaw(years.sql, years.bindings);
      return query;
    };
  }
}
