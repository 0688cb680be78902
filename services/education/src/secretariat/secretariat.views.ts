import { createChangeFeed, ModerationKind, createSecretariatViews } from '@hrc/common';

import { Program } from '../program/program.entity';
import { ProgramConnection } from '../program/program.resolver';

/** Programmes awaiting review on `ModerationQueue`, and this subgraph's audit trail on `AuditTrail`. */
export const educationSecretariatViews = createSecretariatViews({
  subgraph: 'education',
  ownsRootFields: false,
  queues: [{ field: 'programs', kind: ModerationKind.PROGRAM, entity: Program, connection: ProgramConnection, table: 'education.program', cityColumn: 'city_id' }],
});

/** Published changes in this subgraph, for partner systems that mirror the hub. */
export const educationChangeFeed = createChangeFeed({
  subgraph: 'education',
  ownsRootField: false,
  entityTypes: ['Program'],
});
