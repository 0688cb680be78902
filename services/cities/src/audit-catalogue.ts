import {
  CONTRIBUTION_ACTIONS,
  WEBHOOK_SUBSCRIPTION_AUDIT,
  auditedWriter,
  defineAuditCatalogue,
  type WriteScope,
} from '@hrc/domain-kit';

/** What the cities subgraph audits; the change feed follows the types marked `feed`, in this order. */
export const citiesAuditCatalogue = defineAuditCatalogue({
  City: { actions: ['CREATE', 'UPDATE'], feed: true, route: { city: 'id' } },
  Organization: { actions: ['CREATE', 'UPDATE'], feed: true, route: { city: 'homeCityId', organization: 'id' } },
  Policy: { actions: CONTRIBUTION_ACTIONS, feed: true, route: { city: 'cityId', organization: 'contributedBy' } },
  // SUPERSEDE: a published value withdrawn because the secretariat published another for the same key.
  IndicatorValue: {
    actions: [...CONTRIBUTION_ACTIONS, 'SUPERSEDE'],
    feed: true,
    route: { city: 'cityId', organization: 'contributedBy' },
  },
  WebhookSubscription: WEBHOOK_SUBSCRIPTION_AUDIT,
});

/** Runs a write and its audit records in one transaction. */
export const auditedWrite = auditedWriter(citiesAuditCatalogue);

export type CitiesWriteScope = WriteScope<typeof citiesAuditCatalogue>;
