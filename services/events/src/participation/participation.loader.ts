import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';

import type { Identity } from '@hrc/service-kit';

import { type ParticipationFigures, participationOfEditions } from './participation.repository';

/** Participation of every edition a request asks for, in one batch. */
export class ParticipationLoaders {
  readonly ofEdition: DataLoader<string, ParticipationFigures>;

  constructor(em: EntityManager, identity: Identity) {
    this.ofEdition = new DataLoader(async (editionIds) => {
      const figures = await participationOfEditions(em, identity, editionIds);
      return editionIds.map((id) => figures.get(id)!);
    });
  }
}
