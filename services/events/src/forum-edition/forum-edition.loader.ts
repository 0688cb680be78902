import type { EntityManager } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';

import { groupLoader, recordLoader } from '@hrc/graph-kit';

import { ForumEdition } from './forum-edition.entity';

/** Editions by id, by year and by host city, one SELECT per batch. Editions are public. */
export class ForumEditionLoaders {
  readonly byId: DataLoader<string, ForumEdition | null>;
  readonly byYear: DataLoader<number, ForumEdition | null>;
  readonly hostedBy: DataLoader<string, ForumEdition[]>;

  constructor(em: EntityManager) {
    const editions = em.getRepository(ForumEdition);
    this.byId = recordLoader(
      (ids) => editions.findByIds(ids),
      (edition) => edition.id,
    );
    this.byYear = recordLoader(
      (years) => editions.findByYears(years),
      (edition) => edition.year,
    );
    this.hostedBy = groupLoader(
      (cityIds) => editions.findHostedBy(cityIds),
      (edition) => edition.hostCityId,
    );
  }
}
