import type { MigrationObject } from '@mikro-orm/core';

import { Migration20261127154817_initial } from './Migration20261127154817_initial';

/** Every migration, in order. Written by `npm run migration:create`; do not edit by hand. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261127154817_initial', class: Migration20261127154817_initial },
];
