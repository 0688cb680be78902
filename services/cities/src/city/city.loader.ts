import type { EntityManager } from '@mikro-orm/postgresql';

import { idAndSlugLoaders, type IdAndSlugLoaders } from '../shared/graph';
import { City } from './city.entity';

/** Cities by id and by slug, one SELECT per batch. */
export type CityLoaders = IdAndSlugLoaders<City>;

export function createCityLoaders(em: EntityManager): CityLoaders {
  return idAndSlugLoaders(em, City);
}
