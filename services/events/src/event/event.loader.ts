import type { EntityManager } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';

import { canRead } from '@hrc/domain-kit';
import { entityLoader, groupLoader, mapLoader, NestedListLoaders } from '@hrc/graph-kit';
import { type Identity, isUuid } from '@hrc/service-kit';

import { Event } from './event.entity';
import type { EventFilter } from './event.inputs';
import type { EditionDayCount, EventParent } from './event.repository';

/** Events by id (readable ones only), nested pages and totals batched across parents, and timetable days. */
export class EventLoaders extends NestedListLoaders<Event, EventFilter, never, EventParent> {
  readonly byId: DataLoader<string, Event | null>;
  /** For access checks only (who organises an event), never returned to a caller. */
  readonly organizerOf: DataLoader<string, string | null>;
  readonly daysOf: DataLoader<string, EditionDayCount[]>;

  constructor(em: EntityManager, identity: Identity) {
    const events = em.getRepository(Event);
    super('events', events, identity);
    this.byId = entityLoader(em, Event, 'id', { validKey: isUuid, readable: (event) => canRead(identity, event) });
    this.organizerOf = mapLoader((ids) => events.organizersOf(ids), null);
    this.daysOf = groupLoader(
      (editionIds) => events.daysOfEditions(identity, editionIds),
      (day) => day.editionId,
    );
  }
}
