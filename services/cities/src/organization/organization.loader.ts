import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';

import { isUuid } from '@hrc/service-kit';

import { Organization } from './organization.entity';

/** Organisations by id and by slug, one SELECT per batch. */
export class OrganizationLoaders {
  readonly byId: DataLoader<string, Organization | null>;
  readonly bySlug: DataLoader<string, Organization | null>;

  constructor(em: EntityManager) {
    this.byId = new DataLoader(async (ids) => {
      const found = await em.find(Organization, { id: { $in: ids.filter(isUuid) } });
      const byId = new Map(found.map((organization) => [organization.id, organization]));
      return ids.map((id) => byId.get(id) ?? null);
    });
    this.bySlug = new DataLoader(async (slugs) => {
      const found = await em.find(Organization, { slug: { $in: [...slugs] } });
      const bySlug = new Map(found.map((organization) => [organization.slug, organization]));
      return slugs.map((slug) => bySlug.get(slug) ?? null);
    });
  }
}
