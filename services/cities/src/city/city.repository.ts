import {
  containsPattern,
  type Identity,
  keysetOrder,
  ListingRepository,
  type ListOrdering,
  type ListQuery,
  type SortKey,
  tableQuery,
} from '@hrc/service-kit';

import type { City } from './city.entity';
import { CityOrderField, SortDirection } from './city.enums';
import { type CityFilter, CityOrder } from './city.inputs';

/** The declaration date, or 1 January of the declaration year when only the year is known. */
const EFFECTIVE_DECLARATION = `coalesce(c.declared_on, make_date(c.declared_in, 1, 1))`;

function sortKeys(order: CityOrder): SortKey[] {
  const direction = order.direction === SortDirection.DESC ? 'desc' : 'asc';
  const byField: Record<CityOrderField, string[]> = {
    [CityOrderField.NAME]: ['lower(c.name)'],
    [CityOrderField.DECLARED_ON]: [`coalesce(${EFFECTIVE_DECLARATION}, '0001-01-01'::date)`],
    [CityOrderField.POPULATION]: ['coalesce(c.population, -1)'],
    [CityOrderField.COUNTRY]: ['c.country', 'lower(c.name)'],
  };
  return keysetOrder(direction, ...byField[order.field], 'c.id');
}

/** The directory of cities is public: every caller lists the same cities. */
export class CityRepository extends ListingRepository<City, CityFilter, CityOrder> {
  protected readonly listName = 'cities';
  protected readonly alias = 'c';

  protected filtered(_identity: Identity, filter: CityFilter = {}) {
    return () => {
      const query = tableQuery(this.em, this.entityName, 'c');
      if (filter.region) query.where('c.region', filter.region);
      if (filter.country) query.where('c.country', filter.country);
      if (filter.mechanism) query.whereRaw('c.mechanisms @> ?::jsonb', [JSON.stringify([{ kind: filter.mechanism }])]);
      if (filter.network) query.whereRaw('c.memberships @> ?::jsonb', [JSON.stringify([{ network: filter.network }])]);
      if (filter.declaredAfter) query.whereRaw(`${EFFECTIVE_DECLARATION} >= ?::date`, [filter.declaredAfter]);
      if (filter.declaredBefore) query.whereRaw(`${EFFECTIVE_DECLARATION} <= ?::date`, [filter.declaredBefore]);
      if (filter.search) {
        const pattern = containsPattern(filter.search);
        query.whereRaw('(c.name ilike ? or c.slug ilike ? or c.name_translations::text ilike ?)', [
          pattern,
          pattern,
          pattern,
        ]);
      }
      return query;
    };
  }

  protected override ordering(query: ListQuery<CityFilter, CityOrder>): ListOrdering<CityOrder> {
    const order = query.order ?? new CityOrder();
    return { order, sort: sortKeys(order) };
  }
}
