import { Rule, assertAllowed, assignGiven, cityIdFromSlug, insertAudited, revise } from '@hrc/domain-kit';
import { assignGivenTranslations } from '@hrc/graph-kit';
import { BadUserInputError, assertNoNulls } from '@hrc/service-kit';

import { auditedWrite } from '../audit-catalogue';
import type { CitiesContext } from '../context';
import { City } from './city.entity';
import type { CityProfileInput, CreateCityInput, UpdateCityInput } from './city.inputs';

/** Checks and applies a city's profile; throws BAD_USER_INPUT before anything is flushed. */
export function applyProfile(city: City, input: CityProfileInput): void {
  assertNoNulls(input, ['name', 'nameTranslations', 'mechanisms', 'memberships']);
  assignGiven(city, input, ['name', 'population', 'latitude', 'longitude', 'declaredOn', 'declaredIn', 'website']);
  assignGivenTranslations(city, input, ['nameTranslations']);
  if (input.mechanisms !== undefined) {
    city.mechanisms = input.mechanisms.map((mechanism) => ({
      kind: mechanism.kind,
      adoptedIn: mechanism.adoptedIn ?? null,
      adoptedOn: mechanism.adoptedOn ?? null,
      note: mechanism.note ?? null,
    }));
  }
  if (input.memberships !== undefined) {
    city.memberships = input.memberships.map((membership) => ({
      network: membership.network,
      joinedIn: membership.joinedIn ?? null,
    }));
  }
  if ((city.latitude === null) !== (city.longitude === null)) {
    throw new BadUserInputError('latitude', 'latitude and longitude must be given together');
  }
}

/** Adds a city to the network directory; the resolver admits only the secretariat. */
export function createCity(ctx: CitiesContext, input: CreateCityInput): Promise<City> {
  return auditedWrite(ctx, (scope) => {
    const city = scope.em.create(City, {
      // Derived like the seeded cities' ids: a slug never changes, so anything holding one (a calendar feed's URL) can
      // name the city without asking this subgraph.
      id: cityIdFromSlug(input.slug),
      slug: input.slug,
      name: input.name,
      country: input.country,
      region: input.region,
    });
    applyProfile(city, input);
    return insertAudited(scope, 'City', city);
  });
}

/**
 * Changes a city's profile, which is published at once: the secretariat only. A city has no review step, so a
 * partner's edit could not wait for one the way a contribution's does (issue 10: a partner moved its organisation
 * into a city and defaced the city's profile).
 */
export function updateCity(
  ctx: CitiesContext,
  id: string,
  expectedVersion: number,
  input: UpdateCityInput,
): Promise<City> {
  return auditedWrite(ctx, (scope) =>
    revise(scope, {
      entity: City,
      entityType: 'City',
      id,
      expectedVersion,
      authorize: () => assertAllowed(Rule.SECRETARIAT, ctx.identity),
      apply: (city) => applyProfile(city, input),
    }),
  );
}
