import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';

import { isUuid } from '@hrc/service-kit';

import { SustainabilityChecklistRecord } from './sustainability.entity';

/** Stored checklist state by edition and by event, one SELECT per batch. */
export class SustainabilityLoaders {
  readonly byEdition: DataLoader<string, SustainabilityChecklistRecord | null>;
  readonly byEvent: DataLoader<string, SustainabilityChecklistRecord | null>;

  constructor(em: EntityManager) {
    this.byEdition = new DataLoader(async (ids) => {
      const found = await em.find(SustainabilityChecklistRecord, { editionId: { $in: ids.filter(isUuid) } });
      const byOwner = new Map(found.map((record) => [record.editionId, record]));
      return ids.map((id) => byOwner.get(id) ?? null);
    });
    this.byEvent = new DataLoader(async (ids) => {
      const found = await em.find(SustainabilityChecklistRecord, { eventId: { $in: ids.filter(isUuid) } });
      const byOwner = new Map(found.map((record) => [record.eventId, record]));
      return ids.map((id) => byOwner.get(id) ?? null);
    });
  }
}
