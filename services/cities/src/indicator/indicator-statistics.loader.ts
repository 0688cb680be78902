import type { EntityManager } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';

import { canRead } from '@hrc/domain-kit';
import { entityLoader, LoaderRegistry } from '@hrc/graph-kit';
import { type Identity, isUuid } from '@hrc/service-kit';

import { type SeriesQuery, seriesOfIndicators, type YearFigures } from './indicator-statistics.repository';
import { IndicatorValue } from './indicator.entity';

/** Indicator values by id (readable ones only) and indicator series, each batched across the request. */
export class IndicatorStatisticsLoaders {
  readonly valueById: DataLoader<string, IndicatorValue | null>;
  private readonly registry = new LoaderRegistry();

  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
  ) {
    this.valueById = entityLoader(em, IndicatorValue, 'id', {
      validKey: isUuid,
      readable: (value) => canRead(identity, value),
    });
  }

  seriesOf(query: SeriesQuery): DataLoader<string, YearFigures[]> {
    return this.registry.get('indicator-series', query, (indicatorIds) =>
      seriesOfIndicators(this.em, this.identity, query, indicatorIds),
    );
  }
}
