import { EntityRepository } from '@mikro-orm/postgresql';

import { containsPattern, countAll, type FetchedPage, fetchPage, isUuid, querySignature, tableQuery } from '@hrc/service-kit';

import type { OrganizationFilter } from './organization.inputs';
import { Organization } from './organization.entity';

export class OrganizationRepository extends EntityRepository<Organization> {
  private filtered(filter: OrganizationFilter = {}) {
    return () => {
      const query = tableQuery(this.em, Organization, 'o');
      if (filter.kind) query.where('o.kind', filter.kind);
      if (filter.country) query.where('o.country', filter.country);
      if (filter.cityId) {
        if (isUuid(filter.cityId)) query.where('o.home_city_id', filter.cityId);
        else query.whereRaw('false');
      }
      if (filter.search) {
        const pattern = containsPattern(filter.search);
        query.whereRaw('(o.name ilike ? or o.slug ilike ? or o.name_translations::text ilike ?)', [pattern, pattern, pattern]);
      }
      return query;
    };
  }

  listPage(filter: OrganizationFilter | undefined, first: number, after?: string | null): Promise<FetchedPage<Organization>> {
    return fetchPage(this.em, Organization, {
      alias: 'o',
      from: this.filtered(filter),
      sort: [
        { sql: 'lower(o.name)', direction: 'asc' },
        { sql: 'o.id', direction: 'asc' },
      ],
      signature: querySignature('organizations', filter ?? {}),
      first,
      after,
    });
  }

  countMatching(filter: OrganizationFilter | undefined): Promise<number> {
    return countAll(this.em, this.filtered(filter));
  }

  /** The organisations based in a city: the owners of its profile. */
  async idsBasedIn(cityId: string): Promise<string[]> {
    const rows = await this.em.createQueryBuilder(Organization, 'o').select('o.id').where({ homeCityId: cityId }).execute('all');
    return rows.map((row) => row.id);
  }
}
