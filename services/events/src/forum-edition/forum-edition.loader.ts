import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';

import { isUuid } from '@hrc/service-kit';

import { ForumEdition } from './forum-edition.entity';

/** Editions by id, by year and by host city, one SELECT per batch. Editions are public. */
export class ForumEditionLoaders {
  readonly byId: DataLoader<string, ForumEdition | null>;
  readonly byYear: DataLoader<number, ForumEdition | null>;
  readonly hostedBy: DataLoader<string, ForumEdition[]>;

  constructor(em: EntityManager) {
    this.byId = new DataLoader(async (ids) => {
      const found = await em.find(ForumEdition, { id: { $in: ids.filter(isUuid) } });
      const byId = new Map(found.map((edition) => [edition.id, edition]));
      return ids.map((id) => byId.get(id) ?? null);
    });
    this.byYear = new DataLoader(async (years) => {
      const found = await em.find(ForumEdition, { year: { $in: years.filter(Number.isInteger) } });
      const byYear = new Map(found.map((edition) => [edition.year, edition]));
      return years.map((year) => byYear.get(year) ?? null);
    });
    this.hostedBy = new DataLoader(async (cityIds) => {
      const found = await em.find(ForumEdition, { hostCityId: { $in: cityIds.filter(isUuid) } }, { orderBy: { year: 'asc' } });
      return cityIds.map((cityId) => found.filter((edition) => edition.hostCityId === cityId));
    });
  }
}
