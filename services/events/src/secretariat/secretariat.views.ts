import { createChangeFeed, createSecretariatViews } from '@hrc/graph-kit';

import { eventsAuditCatalogue } from '../audit-catalogue';
import { Event } from '../event/event.entity';
import { EventConnection } from '../event/event.type';

/** Events awaiting review on `ModerationQueue`, and this subgraph's audit trail on `AuditTrail`. */
export const eventsSecretariatViews = createSecretariatViews({
  subgraph: 'events',
  ownsRootFields: false,
  queues: [{ field: 'events', kind: 'EVENT', entity: Event, connection: EventConnection, cityProperty: 'hostCityId' }],
});

/** Published changes in this subgraph, for partner systems that mirror the hub. */
export const eventsChangeFeed = createChangeFeed({
  subgraph: 'events',
  ownsRootField: false,
  catalogue: eventsAuditCatalogue,
});
