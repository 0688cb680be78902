import { createChangeFeed, ConnectionType, ModerationKind, createSecretariatViews } from '@hrc/common';

import { IndicatorValue } from '../indicator/indicator.entity';
import { Policy } from '../policy/policy.entity';
import { PolicyConnection } from '../policy/policy.resolver';

export const IndicatorValueConnection = ConnectionType(IndicatorValue);

/** The cities subgraph owns the root fields `moderationQueue` and `auditTrail`; the others add their lists. */
export const citiesSecretariatViews = createSecretariatViews({
  subgraph: 'cities',
  ownsRootFields: true,
  queues: [
    { field: 'policies', kind: ModerationKind.POLICY, entity: Policy, connection: PolicyConnection, table: 'cities.policy', cityColumn: 'city_id' },
    { field: 'indicatorValues', kind: ModerationKind.INDICATOR_VALUE, entity: IndicatorValue, connection: IndicatorValueConnection, table: 'cities.indicator_value', cityColumn: 'city_id' },
  ],
});

/** Published changes in this subgraph, for partner systems that mirror the hub. */
export const citiesChangeFeed = createChangeFeed({
  subgraph: 'cities',
  ownsRootField: true,
  entityTypes: ['City', 'Organization', 'Policy', 'IndicatorValue'],
});
