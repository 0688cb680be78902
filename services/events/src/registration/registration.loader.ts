import type { EntityManager } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';

import { type FetchedPage, type Identity } from '@hrc/service-kit';
import { LoaderRegistry } from '@hrc/graph-kit';

import { mapLoader, recordLoader } from '../support/loaders';
import { Registration } from './registration.entity';
import type { RegistrationStatus } from './registration.enums';
import type { RegistrationQuery, SeatCounts } from './registration.repository';

/** Registrations by id (only those the caller may see), per-event pages and totals, and public seat counts. */
export class RegistrationLoaders {
  readonly byId: DataLoader<string, Registration | null>;
  readonly seatCounts: DataLoader<string, SeatCounts>;
  private readonly registry = new LoaderRegistry();

  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
  ) {
    const registrations = em.getRepository(Registration);
    this.byId = recordLoader((ids) => registrations.findReadable(identity, ids), (registration) => registration.id);
    this.seatCounts = mapLoader((eventIds) => registrations.seatCounts(eventIds), { registered: 0, waitlisted: 0, cancelled: 0, attended: 0 });
  }

  pageOf(query: RegistrationQuery): DataLoader<string, FetchedPage<Registration>> {
    return this.registry.get('registrations-of-event', query, (eventIds) =>
      this.em.getRepository(Registration).pagesByEvent(this.identity, query, eventIds),
    );
  }

  countOf(status: RegistrationStatus | undefined): DataLoader<string, number> {
    return this.registry.get('registration-count-of-event', status ?? null, (eventIds) =>
      this.em.getRepository(Registration).countsByEvent(this.identity, status, eventIds),
    );
  }
}
