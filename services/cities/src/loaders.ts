import type { EntityManager } from '@mikro-orm/postgresql';

import type { Identity } from '@hrc/service-kit';

import { createCityLoaders, type CityLoaders } from './city/city.loader';
import { IndicatorLoaders } from './indicator/indicator.loader';
import { createOrganizationLoaders, type OrganizationLoaders } from './organization/organization.loader';
import { PolicyLoaders } from './policy/policy.loader';

/** Every loader a request may use, created fresh per request so nothing is cached across callers. */
export interface CitiesLoaders {
  cities: CityLoaders;
  organizations: OrganizationLoaders;
  policies: PolicyLoaders;
  indicators: IndicatorLoaders;
}

export function createCitiesLoaders(em: EntityManager, identity: Identity): CitiesLoaders {
  return {
    cities: createCityLoaders(em),
    organizations: createOrganizationLoaders(em),
    policies: new PolicyLoaders(em, identity),
    indicators: new IndicatorLoaders(em, identity),
  };
}
