import { containsPattern, type Identity, isUuid, keysetOrder, ListingRepository, tableQuery } from '@hrc/service-kit';

import type { Organization } from './organization.entity';
import type { OrganizationFilter } from './organization.inputs';

/** The directory of organisations is public: every caller lists the same organisations, by name. */
export class OrganizationRepository extends ListingRepository<Organization, OrganizationFilter> {
  protected readonly listName = 'organizations';
  protected readonly alias = 'o';
  protected override readonly sort = keysetOrder('asc', 'lower(o.name)', 'o.id');

  protected filtered(_identity: Identity, filter: OrganizationFilter = {}) {
    return () => {
      const query = tableQuery(this.em, this.entityName, 'o');
      if (filter.kind) query.where('o.kind', filter.kind);
      if (filter.country) query.where('o.country', filter.country);
      if (filter.cityId) {
        if (isUuid(filter.cityId)) query.where('o.home_city_id', filter.cityId);
        else query.whereRaw('false');
      }
      if (filter.search) {
        const pattern = containsPattern(filter.search);
        query.whereRaw('(o.name ilike ? or o.slug ilike ? or o.name_translations::text ilike ?)', [
          pattern,
          pattern,
          pattern,
        ]);
      }
      return query;
    };
  }

  /** The organisations based in a city: the owners of its profile. */
  async idsBasedIn(cityId: string): Promise<string[]> {
    const rows = await this.em
      .createQueryBuilder(this.entityName, 'o')
      .select('o.id')
      .where({ homeCityId: cityId })
      .execute('all');
    return rows.map((row) => row.id);
  }
}
