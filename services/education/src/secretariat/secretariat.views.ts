import { createChangeFeed, createWebhooks, createSecretariatViews } from '@hrc/graph-kit';

import { educationAuditCatalogue } from '../audit-catalogue';
import { Program } from '../program/program.entity';
import { ProgramConnection } from '../program/program.resolver';

/** Programmes awaiting review on `ModerationQueue`, and this subgraph's audit trail on `AuditTrail`. */
export const educationSecretariatViews = createSecretariatViews({
  subgraph: 'education',
  ownsRootFields: false,
  queues: [
    { field: 'programs', kind: 'PROGRAM', entity: Program, connection: ProgramConnection, cityProperty: 'cityId' },
  ],
});

/** Published changes in this subgraph, for partner systems that mirror the hub. */
export const educationChangeFeed = createChangeFeed({
  subgraph: 'education',
  ownsRootField: false,
  catalogue: educationAuditCatalogue,
});

/** Push delivery of this subgraph's change feed lists by signed webhooks. */
export const educationWebhooks = createWebhooks({
  subgraph: 'education',
  feed: educationChangeFeed,
  catalogue: educationAuditCatalogue,
  ownsRootField: false,
});
