import { Rule, allowsSql, type AuditRecord } from '@hrc/domain-kit';
import { createChangeFeed, createWebhooks, createSecretariatViews, type PrivateChangeList } from '@hrc/graph-kit';
import { columnOf, tableRef } from '@hrc/service-kit';

import { eventsAuditCatalogue } from '../audit-catalogue';
import type { EventsContext } from '../context';
import { Event } from '../event/event.entity';
import { EventConnection } from '../event/event.type';

/** Events awaiting review on `ModerationQueue`, and this subgraph's audit trail on `AuditTrail`. */
export const eventsSecretariatViews = createSecretariatViews({
  subgraph: 'events',
  ownsRootFields: false,
  queues: [{ field: 'events', kind: 'EVENT', entity: Event, connection: EventConnection, cityProperty: 'hostCityId' }],
});

function eventIdOf(record: AuditRecord): string | null {
  const value = (record.after ?? record.before)?.eventId;
  return typeof value === 'string' ? value : null;
}

/**
 * Registrations are about people and never public, but their organiser needs to follow seats: this list holds the
 * registration changes (registered, cancelled, promoted from the waiting list) of the caller's organisation's events,
 * and of every event for the secretariat. Entries name the registration only; read it (and the event's seats)
 * through the API, whose rules decide what the caller sees.
 */
const eventRegistrations: PrivateChangeList = {
  field: 'eventRegistrations',
  description:
    "Registration changes (seats taken, cancelled, promoted) of the events your organisation organises, oldest first; the secretariat sees every event's. Empty for anyone else. Each entry's cityId and organizationId are the event's",
  entityTypes: ['Registration'],
  scope(ctx) {
    const owners = allowsSql(Rule.OWNER, ctx.identity, ['e.contributed_by']);
    if (owners.sql === 'false') return null;
    return (query) =>
      query.whereExists((sub) =>
        sub
          .select(ctx.em.getKnex().raw('1'))
          .from(tableRef(ctx.em, Event, 'e'))
          .whereRaw(`e.${columnOf(ctx.em, Event, 'id')} = (coalesce(a.after, a.before)->>'eventId')::uuid`)
          .whereRaw(owners.sql, owners.bindings),
      );
  },
  // The page's events in one statement through the request's loader, whatever the page size.
  async route(ctx, records) {
    const events = await (ctx as EventsContext).loaders.events.byId.loadMany(records.map((r) => eventIdOf(r) ?? ''));
    return events.map((event) =>
      event && !(event instanceof Error)
        ? { cityId: event.hostCityId, organizationId: event.contributedBy }
        : { cityId: null, organizationId: null },
    );
  },
};

/** Published changes in this subgraph, for partner systems that mirror the hub; and its organisers' private list. */
export const eventsChangeFeed = createChangeFeed({
  subgraph: 'events',
  ownsRootField: false,
  catalogue: eventsAuditCatalogue,
  privateLists: [eventRegistrations],
});

/** Push delivery of this subgraph's change feed lists by signed webhooks. */
export const eventsWebhooks = createWebhooks({
  subgraph: 'events',
  feed: eventsChangeFeed,
  catalogue: eventsAuditCatalogue,
  ownsRootField: false,
});
