import type { EntityManager } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';

import { mapLoader, NestedListLoaders, recordLoader } from '@hrc/graph-kit';
import { type Identity } from '@hrc/service-kit';

import { Registration } from './registration.entity';
import type { RegistrationFilter, SeatCounts } from './registration.repository';

/** Registrations by id (only those the caller may see), per-event pages and totals, and public seat counts. */
export class RegistrationLoaders extends NestedListLoaders<Registration, RegistrationFilter, never, 'event'> {
  readonly byId: DataLoader<string, Registration | null>;
  readonly seatCounts: DataLoader<string, SeatCounts>;

  constructor(em: EntityManager, identity: Identity) {
    const registrations = em.getRepository(Registration);
    super('registrations', registrations, identity);
    this.byId = recordLoader(
      (ids) => registrations.findReadable(identity, ids),
      (registration) => registration.id,
    );
    this.seatCounts = mapLoader((eventIds) => registrations.seatCounts(eventIds), {
      registered: 0,
      waitlisted: 0,
      cancelled: 0,
      attended: 0,
    });
  }
}
