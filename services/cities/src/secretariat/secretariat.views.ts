import { createChangeFeed, createWebhooks, createSecretariatViews } from '@hrc/graph-kit';
import { contributedKinds } from '@hrc/registry';

import { citiesAuditCatalogue } from '../audit-catalogue';
import { IndicatorValue } from '../indicator/indicator.entity';
import { IndicatorValueConnection } from '../indicator/indicator.resolver';
import { Policy } from '../policy/policy.entity';
import { PolicyConnection } from '../policy/policy.resolver';

/** The cities subgraph owns the root fields `moderationQueue` and `auditTrail`; the others add their lists. */
export const citiesSecretariatViews = createSecretariatViews({
  subgraph: 'cities',
  ownsRootFields: { kinds: contributedKinds() },
  queues: [
    { field: 'policies', kind: 'POLICY', entity: Policy, connection: PolicyConnection, cityProperty: 'cityId' },
    {
      field: 'indicatorValues',
      kind: 'INDICATOR_VALUE',
      entity: IndicatorValue,
      connection: IndicatorValueConnection,
      cityProperty: 'cityId',
    },
  ],
});

/** Published changes in this subgraph, for partner systems that mirror the hub. */
export const citiesChangeFeed = createChangeFeed({
  subgraph: 'cities',
  ownsRootField: true,
  catalogue: citiesAuditCatalogue,
});

/** Push delivery of this subgraph's change feed lists by signed webhooks. */
export const citiesWebhooks = createWebhooks({
  subgraph: 'cities',
  feed: citiesChangeFeed,
  catalogue: citiesAuditCatalogue,
  ownsRootField: true,
});
