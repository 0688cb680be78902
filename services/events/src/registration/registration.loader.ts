import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';

import { type FetchedPage, type Identity, isUuid } from '@hrc/service-kit';
import { LoaderRegistry } from '@hrc/graph-kit';

import type { EventLoaders } from '../event/event.loader';
import { canReadRegistration } from './registration.access';
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
    events: EventLoaders,
  ) {
    this.byId = new DataLoader(async (ids) => {
      const found = await em.find(Registration, { id: { $in: ids.filter(isUuid) } });
      const organizers = await events.organizerOf.loadMany(found.map((registration) => registration.eventId));
      const visible = found.filter((registration, index) =>
        canReadRegistration(identity, registration, organizers[index] as string | null),
      );
      const byId = new Map(visible.map((registration) => [registration.id, registration]));
      return ids.map((id) => byId.get(id) ?? null);
    });
    this.seatCounts = new DataLoader(async (eventIds) => {
      const counts = await em.getRepository(Registration).seatCounts(eventIds);
      return eventIds.map((id) => counts.get(id)!);
    });
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
