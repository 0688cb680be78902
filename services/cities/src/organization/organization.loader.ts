import type { EntityManager } from '@mikro-orm/postgresql';

import { idAndSlugLoaders, type IdAndSlugLoaders } from '../shared/graph';
import { Organization } from './organization.entity';

/** Organisations by id and by slug, one SELECT per batch. */
export type OrganizationLoaders = IdAndSlugLoaders<Organization>;

export function createOrganizationLoaders(em: EntityManager): OrganizationLoaders {
  return idAndSlugLoaders(em, Organization);
}
