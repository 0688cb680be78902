import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';

import { type FetchedPage } from '@hrc/service-kit';
import { LoaderRegistry } from '@hrc/graph-kit';

import { Certificate } from '../certificate/certificate.entity';
import { Enrollment } from './enrollment.entity';
import type { EnrollmentFilter } from './enrollment.inputs';
import type { EnrollmentQuery } from './enrollment.repository';

/** Enrollment pages and totals per cohort, and certificates per enrollment, one statement per batch. */
export class EnrollmentLoaders {
  readonly certificateOf: DataLoader<string, Certificate | null>;
  private readonly registry = new LoaderRegistry();

  constructor(private readonly em: EntityManager) {
    this.certificateOf = new DataLoader(async (enrollmentIds) => {
      const found = await em.find(Certificate, { enrollmentId: { $in: [...enrollmentIds] } });
      const byEnrollment = new Map(found.map((certificate) => [certificate.enrollmentId, certificate]));
      return enrollmentIds.map((id) => byEnrollment.get(id) ?? null);
    });
  }

  pageOfCohort(query: EnrollmentQuery): DataLoader<string, FetchedPage<Enrollment>> {
    return this.registry.get('enrollments-of-cohort', query, (cohortIds) =>
      this.em.getRepository(Enrollment).pagesByCohort(query, cohortIds),
    );
  }

  countOfCohort(filter: EnrollmentFilter | undefined): DataLoader<string, number> {
    return this.registry.get('enrollment-count-of-cohort', filter, (cohortIds) =>
      this.em.getRepository(Enrollment).countsByCohort(filter, cohortIds),
    );
  }
}
