import type { MigrationObject } from '@mikro-orm/core';

import { Migration20261127154817_initial } from './Migration20261127154817_initial';
import { Migration20261127161216_review_notes } from './Migration20261127161216_review_notes';
import { Migration20261127161300_audit_append_only } from './Migration20261127161300_audit_append_only';
import { Migration20261127162542_change_feed_order } from './Migration20261127162542_change_feed_order';
import { Migration20261127163550_pending_changes } from './Migration20261127163550_pending_changes';
import { Migration20261129050001_keyset_indexes } from './Migration20261129050001_keyset_indexes';
import { Migration20261129050102_sample_flag } from './Migration20261129050102_sample_flag';
import { Migration20261129051500_idempotency_keys } from './Migration20261129051500_idempotency_keys';
import { Migration20261129075721_webhooks } from './Migration20261129075721_webhooks';
import { Migration20261129091001_webhook_leases } from './Migration20261129091001_webhook_leases';
import { Migration20261129092448_webhook_delivery_foreign_key } from './Migration20261129092448_webhook_delivery_foreign_key';
import { Migration20261129103718_covering_count_indexes } from './Migration20261129103718_covering_count_indexes';
import { Migration20261129153310_published_count_indexes } from './Migration20261129153310_published_count_indexes';

/** Every migration, in order. Written by `npm run migration:create`; do not edit by hand. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261127154817_initial', class: Migration20261127154817_initial },
  { name: 'Migration20261127161216_review_notes', class: Migration20261127161216_review_notes },
  { name: 'Migration20261127161300_audit_append_only', class: Migration20261127161300_audit_append_only },
  { name: 'Migration20261127162542_change_feed_order', class: Migration20261127162542_change_feed_order },
  { name: 'Migration20261127163550_pending_changes', class: Migration20261127163550_pending_changes },
  { name: 'Migration20261129050001_keyset_indexes', class: Migration20261129050001_keyset_indexes },
  { name: 'Migration20261129050102_sample_flag', class: Migration20261129050102_sample_flag },
  { name: 'Migration20261129051500_idempotency_keys', class: Migration20261129051500_idempotency_keys },
  { name: 'Migration20261129075721_webhooks', class: Migration20261129075721_webhooks },
  { name: 'Migration20261129091001_webhook_leases', class: Migration20261129091001_webhook_leases },
  { name: 'Migration20261129092448_webhook_delivery_foreign_key', class: Migration20261129092448_webhook_delivery_foreign_key },
  { name: 'Migration20261129103718_covering_count_indexes', class: Migration20261129103718_covering_count_indexes },
  { name: 'Migration20261129153310_published_count_indexes', class: Migration20261129153310_published_count_indexes },
];
