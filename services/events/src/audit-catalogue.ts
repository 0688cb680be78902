import {
  CONTRIBUTION_ACTIONS,
  WEBHOOK_SUBSCRIPTION_AUDIT,
  auditedWriter,
  defineAuditCatalogue,
  type WriteScope,
} from '@hrc/domain-kit';

/** What the events subgraph audits; the change feed follows the types marked `feed`, in this order. */
export const eventsAuditCatalogue = defineAuditCatalogue({
  ForumEdition: { actions: ['CREATE', 'UPDATE'], feed: true, route: { city: 'hostCityId' } },
  Event: { actions: CONTRIBUTION_ACTIONS, feed: true, route: { city: 'hostCityId', organization: 'contributedBy' } },
  // Registrations and evaluations are about people: audited, never in the public feed.
  Registration: { actions: ['CREATE', 'UPDATE', 'CANCEL', 'PROMOTE'], feed: false },
  Feedback: { actions: ['CREATE'], feed: false },
  SustainabilityChecklist: { actions: ['CREATE', 'UPDATE'], feed: false },
  WebhookSubscription: WEBHOOK_SUBSCRIPTION_AUDIT,
});

/** Runs a write and its audit records in one transaction. */
export const auditedWrite = auditedWriter(eventsAuditCatalogue);

export type EventsWriteScope = WriteScope<typeof eventsAuditCatalogue>;
