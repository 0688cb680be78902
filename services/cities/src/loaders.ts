import type { EntityManager } from '@mikro-orm/postgresql';

import { idAndSlugLoaders, type IdAndSlugLoaders } from '@hrc/graph-kit';
import type { Identity } from '@hrc/service-kit';

import { City } from './city/city.entity';
import { IndicatorStatisticsLoaders } from './indicator/indicator-statistics.loader';
import { IndicatorLoaders } from './indicator/indicator.loader';
import { Organization } from './organization/organization.entity';
import { PolicyStatisticsLoaders } from './policy/policy-statistics.service';
import { PolicyLoaders } from './policy/policy.loader';

/** Every loader a request may use, created fresh per request so nothing is cached across callers. */
export interface CitiesLoaders {
  /** Cities by id and by slug, one SELECT per batch; the directory is public. */
  cities: IdAndSlugLoaders<City>;
  /** Organisations by id and by slug, one SELECT per batch; the directory is public. */
  organizations: IdAndSlugLoaders<Organization>;
  policies: PolicyLoaders;
  indicators: IndicatorLoaders;
  indicatorStatistics: IndicatorStatisticsLoaders;
  policyStatistics: PolicyStatisticsLoaders;
}

export function createCitiesLoaders(em: EntityManager, identity: Identity): CitiesLoaders {
  return {
    cities: idAndSlugLoaders(em, City),
    organizations: idAndSlugLoaders(em, Organization),
    policies: new PolicyLoaders(em, identity),
    indicators: new IndicatorLoaders(em, identity),
    indicatorStatistics: new IndicatorStatisticsLoaders(em, identity),
    policyStatistics: new PolicyStatisticsLoaders(em, identity),
  };
}
