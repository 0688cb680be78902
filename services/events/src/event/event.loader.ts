import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';

import { type FetchedPage, type Identity, isUuid } from '@hrc/service-kit';
import { canRead } from '@hrc/domain-kit';
import { LoaderRegistry } from '@hrc/graph-kit';

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
    this.byId = new DataLoader(async (ids) => {
      const found = await em.find(Event, { id: { $in: ids.filter(isUuid) } });
      const byId = new Map(found.filter((event) => canRead(identity, event)).map((event) => [event.id, event]));
      return ids.map((id) => byId.get(id) ?? null);
    });
    this.organizerOf = new DataLoader(async (ids) => {
      const rows = (await em
        .getKnex()
        .select(em.getKnex().raw('id::text as id, contributed_by::text as organizer'))
        .from('events.event')
        .whereRaw('id = any(?)', [ids.filter(isUuid)])) as Array<{ id: string; organizer: string | null }>;
      const byId = new Map(rows.map((row) => [row.id, row.organizer]));
      return ids.map((id) => byId.get(id) ?? null);
    });
    this.daysOf = new DataLoader(async (editionIds) => {
      const days = await em.getRepository(Event).daysOfEditions(identity, editionIds);
      return editionIds.map((editionId) => days.filter((day) => day.editionId === editionId));
    });
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
}
