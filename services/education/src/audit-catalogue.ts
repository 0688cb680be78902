import {
  CONTRIBUTION_ACTIONS,
  WEBHOOK_SUBSCRIPTION_AUDIT,
  auditedWriter,
  defineAuditCatalogue,
  type WriteScope,
} from '@hrc/domain-kit';

/** What the education subgraph audits; the change feed follows the types marked `feed`, in this order. */
export const educationAuditCatalogue = defineAuditCatalogue({
  Program: { actions: CONTRIBUTION_ACTIONS, feed: true, route: { city: 'cityId', organization: 'providerId' } },
  // Cohorts, enrollments and certificates are about people or operations: audited, never in the public feed.
  Cohort: { actions: ['CREATE', 'UPDATE'], feed: false },
  Enrollment: { actions: ['CREATE', 'COMPLETE', 'DROP'], feed: false },
  Certificate: { actions: ['ISSUE', 'REVOKE'], feed: false },
  WebhookSubscription: WEBHOOK_SUBSCRIPTION_AUDIT,
});

/** Runs a write and its audit records in one transaction. */
export const auditedWrite = auditedWriter(educationAuditCatalogue);

export type EducationWriteScope = WriteScope<typeof educationAuditCatalogue>;
