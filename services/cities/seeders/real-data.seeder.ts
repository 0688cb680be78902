import type { EntityManager } from '@mikro-orm/postgresql';

import { cityIdFromSlug, ModerationStatus, organizationIdFromSlug } from '@hrc/domain-kit';

import { City } from '../src/city/city.entity';
import { Indicator, IndicatorValue } from '../src/indicator/indicator.entity';
import { Organization } from '../src/organization/organization.entity';
import { Policy } from '../src/policy/policy.entity';
import { SEED_CITIES, SEED_INDICATORS, SEED_INDICATOR_VALUES, SEED_ORGANIZATIONS, SEED_POLICIES } from './real-data';

/** Loads the real network data; the kit runs it once per database, inside one transaction. */
export async function seedRealCitiesData(em: EntityManager): Promise<void> {
  for (const city of SEED_CITIES) {
    em.create(City, {
      id: cityIdFromSlug(city.slug),
      slug: city.slug,
      name: city.name,
      nameTranslations: city.translations,
      country: city.country,
      region: city.region,
      latitude: city.latitude,
      longitude: city.longitude,
      declaredOn: city.declaredOn ?? null,
      declaredIn: city.declaredIn ?? (city.declaredOn ? Number(city.declaredOn.slice(0, 4)) : null),
      mechanisms: (city.mechanisms ?? []).map((mechanism) => ({
        kind: mechanism.kind,
        adoptedIn: mechanism.adoptedIn ?? null,
        adoptedOn: mechanism.adoptedOn ?? null,
        note: mechanism.note ?? null,
      })),
      memberships: city.memberships ?? [],
    });
  }
  for (const organization of SEED_ORGANIZATIONS) {
    em.create(Organization, {
      id: organizationIdFromSlug(organization.slug),
      slug: organization.slug,
      name: organization.name,
      nameTranslations: organization.translations ?? {},
      kind: organization.kind,
      homeCityId: organization.homeCity ? cityIdFromSlug(organization.homeCity) : null,
      country: organization.country,
      website: organization.website,
    });
  }
  for (const policy of SEED_POLICIES) {
    em.create(Policy, {
      cityId: cityIdFromSlug(policy.city),
      contributedBy: policy.contributor ? organizationIdFromSlug(policy.contributor) : null,
      status: ModerationStatus.PUBLISHED,
      title: policy.title,
      titleTranslations: policy.titleTranslations ?? {},
      summary: policy.summary,
      themes: policy.themes,
      sdgs: policy.sdgs,
      adoptedOn: policy.adoptedOn ?? null,
      adoptedIn: policy.adoptedIn ?? null,
      stage: policy.stage,
    });
  }
  const indicatorIds = new Map<string, string>();
  for (const definition of SEED_INDICATORS) {
    const indicator = em.create(Indicator, {
      code: definition.code,
      name: definition.name,
      nameTranslations: definition.nameKo ? { ko: definition.nameKo } : {},
      description: definition.description,
      theme: definition.theme,
      type: definition.type,
      unit: definition.unit,
      direction: definition.direction,
    });
    indicatorIds.set(definition.code, indicator.id);
  }
  for (const value of SEED_INDICATOR_VALUES) {
    em.create(IndicatorValue, {
      indicatorId: indicatorIds.get(value.code)!,
      cityId: cityIdFromSlug(value.city),
      year: value.year,
      value: value.value,
      source: value.source,
      isSampleData: value.isSampleData,
      status: ModerationStatus.PUBLISHED,
    });
  }
  await em.flush();
}
