import type { MigrationObject } from '@mikro-orm/core';

import { Migration20261127153645_initial } from './Migration20261127153645_initial';
import { Migration20261127160149_policy_array_indexes } from './Migration20261127160149_policy_array_indexes';
import { Migration20261127161215_review_notes } from './Migration20261127161215_review_notes';
import { Migration20261127161300_audit_append_only } from './Migration20261127161300_audit_append_only';
import { Migration20261127162541_change_feed_order } from './Migration20261127162541_change_feed_order';
import { Migration20261127163549_pending_changes } from './Migration20261127163549_pending_changes';
import { Migration20261129045000_sample_data_flags } from './Migration20261129045000_sample_data_flags';
import { Migration20261129050000_competing_values } from './Migration20261129050000_competing_values';
import { Migration20261129050000_keyset_indexes } from './Migration20261129050000_keyset_indexes';
import { Migration20261129051500_idempotency_keys } from './Migration20261129051500_idempotency_keys';
import { Migration20261129053029_un_linkages } from './Migration20261129053029_un_linkages';
import { Migration20261129075714_webhooks } from './Migration20261129075714_webhooks';
import { Migration20261129091000_webhook_leases } from './Migration20261129091000_webhook_leases';
import { Migration20261129092422_webhook_delivery_foreign_key } from './Migration20261129092422_webhook_delivery_foreign_key';
import { Migration20261129103843_covering_count_indexes } from './Migration20261129103843_covering_count_indexes';

/** Every migration, in order. Written by `npm run migration:create`; do not edit by hand. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261127153645_initial', class: Migration20261127153645_initial },
  { name: 'Migration20261127160149_policy_array_indexes', class: Migration20261127160149_policy_array_indexes },
  { name: 'Migration20261127161215_review_notes', class: Migration20261127161215_review_notes },
  { name: 'Migration20261127161300_audit_append_only', class: Migration20261127161300_audit_append_only },
  { name: 'Migration20261127162541_change_feed_order', class: Migration20261127162541_change_feed_order },
  { name: 'Migration20261127163549_pending_changes', class: Migration20261127163549_pending_changes },
  { name: 'Migration20261129045000_sample_data_flags', class: Migration20261129045000_sample_data_flags },
  { name: 'Migration20261129050000_competing_values', class: Migration20261129050000_competing_values },
  { name: 'Migration20261129050000_keyset_indexes', class: Migration20261129050000_keyset_indexes },
  { name: 'Migration20261129051500_idempotency_keys', class: Migration20261129051500_idempotency_keys },
  { name: 'Migration20261129053029_un_linkages', class: Migration20261129053029_un_linkages },
  { name: 'Migration20261129075714_webhooks', class: Migration20261129075714_webhooks },
  { name: 'Migration20261129091000_webhook_leases', class: Migration20261129091000_webhook_leases },
  { name: 'Migration20261129092422_webhook_delivery_foreign_key', class: Migration20261129092422_webhook_delivery_foreign_key },
  { name: 'Migration20261129103843_covering_count_indexes', class: Migration20261129103843_covering_count_indexes },
];
