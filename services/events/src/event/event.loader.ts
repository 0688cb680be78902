import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';

import { type FetchedPage, type Identity, isUuid } from '@hrc/service-kit';
import { canRead } from '@hrc/domain-kit';
import { type Connection, LoaderRegistry, toConnection } from '@hrc/graph-kit';

import { groupLoader, mapLoader, recordLoader } from '../support/loaders';
import { Event } from './event.entity';
import type { EventFilter } from './event.inputs';
import type { EditionDayCount, EventParent, EventQuery } from './event.repository';

/** Events by id (readable ones only), nested pages and totals batched across parents, and timetable days. */
export class EventLoaders {
  readonly byId: DataLoader<string, Event | null>;
  /** For access checks only (who organises an event), never returned to a caller. */
  readonly organizerOf: DataLoader<string, string | null>;
  readonly daysOf: DataLoader<string, EditionDayCount[]>;
  private readonly registry = new LoaderRegistry();

  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
  ) {
    const events = em.getRepository(Event);
    this.byId = recordLoader(
      async (ids) => (await events.find({ id: { $in: ids.filter(isUuid) } })).filter((event) => canRead(identity, event)),
      (event) => event.id,
    );
    this.organizerOf = mapLoader((ids) => events.organizersOf(ids), null);
    this.daysOf = groupLoader((editionIds) => events.daysOfEditions(identity, editionIds), (day) => day.editionId);
  }

  pageOf(parent: EventParent, query: EventQuery): DataLoader<string, FetchedPage<Event>> {
    return this.registry.get(`events-of-${parent}`, query, (parentKeys) =>
      this.em.getRepository(Event).pagesByParent(this.identity, parent, query, parentKeys),
    );
  }

  countOf(parent: EventParent, filter: EventFilter | undefined): DataLoader<string, number> {
    return this.registry.get(`event-count-of-${parent}`, filter, (parentKeys) =>
      this.em.getRepository(Event).countsByParent(this.identity, parent, filter, parentKeys),
    );
  }

  /** The events under one parent as a connection: its page batched with its siblings', its total only if asked. */
  async connectionOf(parent: EventParent, key: string, query: EventQuery): Promise<Connection<Event>> {
    const page = await this.pageOf(parent, query).load(key);
    return toConnection(page, () => this.countOf(parent, query.filter).load(key));
  }
}
