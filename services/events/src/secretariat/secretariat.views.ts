import { createChangeFeed, ModerationKind, createSecretariatViews } from '@hrc/common';

import { Event } from '../event/event.entity';
import { EventConnection } from '../event/event.resolver';

/** Events awaiting review on `ModerationQueue`, and this subgraph's audit trail on `AuditTrail`. */
export const eventsSecretariatViews = createSecretariatViews({
  subgraph: 'events',
  ownsRootFields: false,
  queues: [{ field: 'events', kind: ModerationKind.EVENT, entity: Event, connection: EventConnection, table: 'events.event', cityColumn: 'host_city_id' }],
});

/** Published changes in this subgraph, for partner systems that mirror the hub. */
export const eventsChangeFeed = createChangeFeed({
  subgraph: 'events',
  ownsRootField: false,
  entityTypes: ['ForumEdition', 'Event'],
});
