import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';

import { type Identity, isUuid } from '@hrc/service-kit';
import { visibilitySql } from '@hrc/domain-kit';
import { LoaderRegistry } from '@hrc/graph-kit';

import type { InclusionTheme } from './indicator.enums';
import { Indicator, IndicatorValue } from './indicator.entity';

export interface IndicatorValueQuery {
  year?: number | null;
  theme?: InclusionTheme | null;
}

/** Indicators by id, and the readable values of many cities in one statement. */
export class IndicatorLoaders {
  readonly byId: DataLoader<string, Indicator | null>;
  private readonly registry = new LoaderRegistry();

  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
  ) {
    this.byId = new DataLoader(async (ids) => {
      const found = await em.find(Indicator, { id: { $in: ids.filter(isUuid) } });
      const byId = new Map(found.map((indicator) => [indicator.id, indicator]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }

  valuesOfCity(query: IndicatorValueQuery): DataLoader<string, IndicatorValue[]> {
    return this.registry.get('indicator-values-of-city', query, async (cityIds) => {
      const knex = this.em.getKnex();
      const visibility = visibilitySql(this.identity, 'v');
      const select = knex
        .select('v.*')
        .from({ v: 'cities.indicator_value' })
        .join({ i: 'cities.indicator' }, 'i.id', 'v.indicator_id')
        .whereRaw('v.city_id = any(?)', [cityIds.filter(isUuid)])
        .whereRaw(visibility.sql, visibility.bindings)
        .orderBy([{ column: 'v.year', order: 'desc' }, { column: 'i.code' }]);
      if (query.year) select.where('v.year', query.year);
      if (query.theme) select.where('i.theme', query.theme);
      const rows = (await select) as Array<Record<string, unknown>>;
      const byCity = new Map<string, IndicatorValue[]>(cityIds.map((id) => [id, []]));
      for (const row of rows) {
        const value = this.em.map(IndicatorValue, row as never);
        byCity.get(value.cityId)?.push(value);
      }
      return byCity;
    });
  }
}
