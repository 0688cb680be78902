import { createSubgraphApp, type SubgraphApp, type SubgraphDefinition } from '@hrc/graph-kit';
import { type SubgraphConfig } from '@hrc/service-kit';

import { migrations } from '../migrations';
import { seedRealEducationData } from '../seeders/real-data.seeder';
import { Certificate } from './certificate/certificate.entity';
import { CertificateResolver, CertificateVerificationResolver } from './certificate/certificate.resolver';
import { CityEducationReachResolver, CityProgramsResolver } from './city/city.resolver';
import { Cohort } from './cohort/cohort.entity';
import { CohortResolver } from './cohort/cohort.resolver';
import { Enrollment } from './enrollment/enrollment.entity';
import { EnrollmentResolver } from './enrollment/enrollment.resolver';
import { EventProgramsResolver } from './event/event.resolver';
import { createEducationLoaders, type EducationLoaders } from './loaders';
import { OrganizationEducationReachResolver, OrganizationProgramsResolver } from './organization/organization.resolver';
import { Program } from './program/program.entity';
import { programReferenceResolvers } from './program/program.reference';
import {
  ProgramModerationResolver,
  ProgramResolver,
  ProgramTranslatedFieldsResolver,
} from './program/program.resolver';
import {
  NetworkEducationReachResolver,
  NetworkReportRowEducationResolver,
  networkReportReferenceResolvers,
  NetworkReportTotalsEducationResolver,
} from './report/report.resolver';
import { NetworkReportRow, NetworkReportTotals } from './report/report.type';
import { educationChangeFeed, educationSecretariatViews, educationWebhooks } from './secretariat/secretariat.views';

export const educationSubgraph: SubgraphDefinition<EducationLoaders> = {
  name: 'education',
  database: {
    entities: [Program, Cohort, Enrollment, Certificate],
    migrations,
  },
  resolvers: [
    ProgramResolver,
    ProgramTranslatedFieldsResolver,
    CohortResolver,
    EnrollmentResolver,
    CertificateResolver,
    CertificateVerificationResolver,
    CityProgramsResolver,
    CityEducationReachResolver,
    OrganizationProgramsResolver,
    OrganizationEducationReachResolver,
    EventProgramsResolver,
    ProgramModerationResolver,
    NetworkReportRowEducationResolver,
    NetworkReportTotalsEducationResolver,
    NetworkEducationReachResolver,
    ...educationSecretariatViews.resolvers,
    ...educationChangeFeed.resolvers,
    ...educationWebhooks.resolvers,
  ],
  orphanedTypes: [
    NetworkReportRow,
    NetworkReportTotals,
    ...educationSecretariatViews.orphanedTypes,
    ...educationChangeFeed.orphanedTypes,
    ...educationWebhooks.orphanedTypes,
  ],
  referenceResolvers: {
    ...networkReportReferenceResolvers,
    ...educationSecretariatViews.referenceResolvers,
    ...educationChangeFeed.referenceResolvers,
    ...educationWebhooks.referenceResolvers,
    ...programReferenceResolvers,
  },
  createLoaders: createEducationLoaders,
  webhooks: educationWebhooks,
  seedRealData: seedRealEducationData,
};

export function createEducationApp(config: SubgraphConfig): Promise<SubgraphApp> {
  return createSubgraphApp(educationSubgraph, config);
}

export { seedSyntheticEducation, type SyntheticEducationSize } from '../seeders/synthetic.seeder';
export { educationSubgraph as subgraph };
