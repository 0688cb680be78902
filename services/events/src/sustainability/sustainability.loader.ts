import type { EntityManager } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';

import { recordLoader } from '@hrc/graph-kit';

import { SustainabilityChecklistRecord } from './sustainability.entity';

/** Stored checklist state by edition and by event, one SELECT per batch. */
export class SustainabilityLoaders {
  readonly byEdition: DataLoader<string, SustainabilityChecklistRecord | null>;
  readonly byEvent: DataLoader<string, SustainabilityChecklistRecord | null>;

  constructor(em: EntityManager) {
    const checklists = em.getRepository(SustainabilityChecklistRecord);
    this.byEdition = recordLoader(
      (ids) => checklists.findByEditions(ids),
      (record) => record.editionId!,
    );
    this.byEvent = recordLoader(
      (ids) => checklists.findByEvents(ids),
      (record) => record.eventId!,
    );
  }
}
