import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';

import { isUuid } from '@hrc/service-kit';

import { City } from './city.entity';

/** Cities by id and by slug, one SELECT per batch. */
export class CityLoaders {
  readonly byId: DataLoader<string, City | null>;
  readonly bySlug: DataLoader<string, City | null>;

  constructor(em: EntityManager) {
    this.byId = new DataLoader(async (ids) => {
      const cities = await em.find(City, { id: { $in: ids.filter(isUuid) } });
      const byId = new Map(cities.map((city) => [city.id, city]));
      return ids.map((id) => byId.get(id) ?? null);
    });
    this.bySlug = new DataLoader(async (slugs) => {
      const cities = await em.find(City, { slug: { $in: [...slugs] } });
      const bySlug = new Map(cities.map((city) => [city.slug, city]));
      return slugs.map((slug) => bySlug.get(slug) ?? null);
    });
  }
}
