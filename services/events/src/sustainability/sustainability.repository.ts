import { EntityRepository } from '@mikro-orm/postgresql';

import { isUuid } from '@hrc/service-kit';

import type { SustainabilityChecklistRecord } from './sustainability.entity';

/** What a checklist belongs to: one edition or one event. */
export type ChecklistOwner = { editionId: string } | { eventId: string };

export class SustainabilityChecklistRepository extends EntityRepository<SustainabilityChecklistRecord> {
  findByEditions(editionIds: readonly string[]): Promise<SustainabilityChecklistRecord[]> {
    return this.find({ editionId: { $in: editionIds.filter(isUuid) } });
  }

  findByEvents(eventIds: readonly string[]): Promise<SustainabilityChecklistRecord[]> {
    return this.find({ eventId: { $in: eventIds.filter(isUuid) } });
  }

  findOf(owner: ChecklistOwner): Promise<SustainabilityChecklistRecord | null> {
    return this.findOne(owner);
  }
}
