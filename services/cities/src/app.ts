import { createSubgraphApp, type SubgraphApp, type SubgraphDefinition } from '@hrc/graph-kit';
import { type SubgraphConfig } from '@hrc/service-kit';

import { migrations } from '../migrations';
import { seedRealCitiesData } from '../seeders/real-data.seeder';
import { CityM49Resolver } from './city/city-m49.resolver';
import { City } from './city/city.entity';
import { cityReferenceResolvers } from './city/city.reference';
import { CityResolver, CityTranslatedFieldsResolver } from './city/city.resolver';
import { IndicatorSeriesResolver, IndicatorValueListResolver } from './indicator/indicator-statistics.resolver';
import { Indicator, IndicatorValue } from './indicator/indicator.entity';
import {
  CityIndicatorsResolver,
  IndicatorResolver,
  IndicatorTranslatedFieldsResolver,
  IndicatorValueModerationResolver,
  IndicatorValueResolver,
} from './indicator/indicator.resolver';
import { indicatorRoutes } from './indicator/indicator.routes';
import { createCitiesLoaders, type CitiesLoaders } from './loaders';
import { Organization } from './organization/organization.entity';
import { organizationReferenceResolvers } from './organization/organization.reference';
import { OrganizationResolver, OrganizationTranslatedFieldsResolver } from './organization/organization.resolver';
import {
  EditionParticipation,
  EditionParticipationCountriesResolver,
  editionParticipationReferenceResolvers,
} from './participation/participation.resolver';
import { CityPolicyStatisticsResolver, PolicyStatisticsResolver } from './policy/policy-statistics.resolver';
import { Policy } from './policy/policy.entity';
import {
  CityPoliciesResolver,
  OrganizationPoliciesResolver,
  PolicyModerationResolver,
  PolicyResolver,
  PolicyTranslatedFieldsResolver,
} from './policy/policy.resolver';
import {
  networkReportReferenceResolvers,
  NetworkReportResolver,
  NetworkReportRowCityResolver,
} from './report/report.resolver';
import { citiesChangeFeed, citiesSecretariatViews, citiesWebhooks } from './secretariat/secretariat.views';

export const citiesSubgraph: SubgraphDefinition<CitiesLoaders> = {
  name: 'cities',
  database: {
    entities: [City, Organization, Policy, Indicator, IndicatorValue],
    migrations,
  },
  resolvers: [
    CityResolver,
    CityM49Resolver,
    CityTranslatedFieldsResolver,
    OrganizationResolver,
    OrganizationTranslatedFieldsResolver,
    PolicyResolver,
    PolicyTranslatedFieldsResolver,
    CityPoliciesResolver,
    OrganizationPoliciesResolver,
    IndicatorResolver,
    IndicatorTranslatedFieldsResolver,
    IndicatorValueResolver,
    CityIndicatorsResolver,
    IndicatorValueListResolver,
    IndicatorSeriesResolver,
    PolicyStatisticsResolver,
    CityPolicyStatisticsResolver,
    EditionParticipationCountriesResolver,
    NetworkReportResolver,
    NetworkReportRowCityResolver,
    PolicyModerationResolver,
    IndicatorValueModerationResolver,
    ...citiesSecretariatViews.resolvers,
    ...citiesChangeFeed.resolvers,
    ...citiesWebhooks.resolvers,
  ],
  orphanedTypes: [
    EditionParticipation,
    ...citiesSecretariatViews.orphanedTypes,
    ...citiesChangeFeed.orphanedTypes,
    ...citiesWebhooks.orphanedTypes,
  ],
  referenceResolvers: {
    ...citiesSecretariatViews.referenceResolvers,
    ...citiesChangeFeed.referenceResolvers,
    ...citiesWebhooks.referenceResolvers,
    ...cityReferenceResolvers,
    ...organizationReferenceResolvers,
    ...editionParticipationReferenceResolvers,
    ...networkReportReferenceResolvers,
  },
  createLoaders: createCitiesLoaders,
  webhooks: citiesWebhooks,
  seedRealData: seedRealCitiesData,
  routes: indicatorRoutes,
};

export function createCitiesApp(config: SubgraphConfig): Promise<SubgraphApp> {
  return createSubgraphApp(citiesSubgraph, config);
}
export { seedSyntheticCities, type SyntheticCitiesSize } from '../seeders/synthetic.seeder';
export { SEED_ORGANIZATIONS } from '../seeders/real-data';
export { citiesSubgraph as subgraph };
