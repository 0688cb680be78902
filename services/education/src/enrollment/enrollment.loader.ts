import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';

import { type Identity } from '@hrc/service-kit';

import { Certificate } from '../certificate/certificate.entity';
import { NestedListLoaders } from '../shared/graph';
import { Enrollment } from './enrollment.entity';
import type { EnrollmentFilter } from './enrollment.inputs';

/** Enrollment pages and totals per cohort (only those the caller may read), and certificates per enrollment. */
export class EnrollmentLoaders extends NestedListLoaders<Enrollment, EnrollmentFilter, never, 'cohort'> {
  readonly certificateOf: DataLoader<string, Certificate | null>;

  constructor(em: EntityManager, identity: Identity) {
    super('enrollments', () => em.getRepository(Enrollment), identity);
    this.certificateOf = new DataLoader(async (enrollmentIds) => {
      const found = await em.getRepository(Certificate).findByEnrollments(enrollmentIds);
      const byEnrollment = new Map(found.map((certificate) => [certificate.enrollmentId, certificate]));
      return enrollmentIds.map((id) => byEnrollment.get(id) ?? null);
    });
  }
}
