import { registerEnumType } from 'type-graphql';

import { ModerationDecision, ModerationStatus, Theme } from '@hrc/domain-kit';

/*
 * The domain's shared enums, registered once with their schema names and descriptions. The domain kit defines them
 * without GraphQL; every module that puts one in the schema imports this file first.
 */

registerEnumType(ModerationStatus, {
  name: 'ModerationStatus',
  description: "Where a contributed record stands in the secretariat's review",
});

registerEnumType(Theme, { name: 'Theme', description: 'The shared human rights taxonomy of the network' });

registerEnumType(ModerationDecision, {
  name: 'ModerationDecision',
  description: 'A step in the review of a contributed record',
  valuesConfig: {
    APPROVE: { description: 'SUBMITTED → PUBLISHED (secretariat)' },
    REJECT: { description: 'SUBMITTED → REJECTED, with a reason the contributor can read (secretariat)' },
    WITHDRAW: { description: 'Any status → WITHDRAWN; nothing is deleted (the contributor or the secretariat)' },
    RESTORE: { description: 'WITHDRAWN → PUBLISHED (secretariat)' },
  },
});
