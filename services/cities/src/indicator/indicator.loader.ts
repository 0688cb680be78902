import type { EntityManager } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';

import { entityLoader, LoaderRegistry } from '@hrc/graph-kit';
import { type Identity, isUuid } from '@hrc/service-kit';

import { Indicator, IndicatorValue } from './indicator.entity';
import type { IndicatorValueQuery } from './indicator.repository';

/** Indicators by id, and the readable values of many cities in one statement. */
export class IndicatorLoaders {
  readonly byId: DataLoader<string, Indicator | null>;
  private readonly registry = new LoaderRegistry();

  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
  ) {
    this.byId = entityLoader(em, Indicator, 'id', { validKey: isUuid });
  }

  valuesOfCity(query: IndicatorValueQuery): DataLoader<string, IndicatorValue[]> {
    return this.registry.get('indicator-values-of-city', query, (cityIds) =>
      this.em.getRepository(IndicatorValue).readableOfCities(this.identity, query, cityIds),
    );
  }
}
