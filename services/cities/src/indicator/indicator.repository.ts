import { EntityRepository } from '@mikro-orm/postgresql';

import { visibilitySql } from '@hrc/domain-kit';
import { type Identity, isUuid } from '@hrc/service-kit';

import type { Indicator, IndicatorValue } from './indicator.entity';
import type { IndicatorType, InclusionTheme } from './indicator.enums';

export interface IndicatorValueQuery {
  year?: number | null;
  theme?: InclusionTheme | null;
}

export class IndicatorRepository extends EntityRepository<Indicator> {
  /** The marker system, by code, optionally of one theme and one type. */
  listByCode(filter: { theme?: InclusionTheme; type?: IndicatorType }): Promise<Indicator[]> {
    const { theme, type } = filter;
    return this.find({ ...(theme ? { theme } : {}), ...(type ? { type } : {}) }, { orderBy: { code: 'asc' } });
  }

  findByCode(code: string): Promise<Indicator | null> {
    return this.findOne({ code });
  }
}

export class IndicatorValueRepository extends EntityRepository<IndicatorValue> {
  /**
   * The values of many cities that `identity` may read, newest year first, then by indicator code, in one statement;
   * every city asked for has a list, empty when it has no values.
   */
  async readableOfCities(
    identity: Identity,
    query: IndicatorValueQuery,
    cityIds: readonly string[],
  ): Promise<Map<string, IndicatorValue[]>> {
    const visibility = visibilitySql(identity, 'v');
    const select = this.em
      .createQueryBuilder(this.entityName, 'v')
      .select('v.*')
      .join('v.indicatorId', 'i')
      .where({ cityId: { $in: cityIds.filter(isUuid) } })
      .andWhere(visibility.sql, visibility.bindings)
      .orderBy([{ year: 'desc' }, { 'i.code': 'asc' }]);
    if (query.year) select.andWhere({ year: query.year });
    if (query.theme) select.andWhere({ 'i.theme': query.theme });
    const byCity = new Map<string, IndicatorValue[]>(cityIds.map((id) => [id, []]));
    for (const value of await select.getResultList()) byCity.get(value.cityId)?.push(value);
    return byCity;
  }
}
