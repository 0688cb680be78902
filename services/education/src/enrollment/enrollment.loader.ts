import type { EntityManager } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';

import { NestedListLoaders, recordLoader } from '@hrc/graph-kit';
import { type Identity } from '@hrc/service-kit';

import { Certificate } from '../certificate/certificate.entity';
import { Enrollment } from './enrollment.entity';
import type { EnrollmentFilter } from './enrollment.inputs';

/** Enrollment pages and totals per cohort (only those the caller may read), and certificates per enrollment. */
export class EnrollmentLoaders extends NestedListLoaders<Enrollment, EnrollmentFilter, never, 'cohort'> {
  readonly certificateOf: DataLoader<string, Certificate | null>;

  constructor(em: EntityManager, identity: Identity) {
    super('enrollments', em.getRepository(Enrollment), identity);
    const certificates = em.getRepository(Certificate);
    this.certificateOf = recordLoader(
      (enrollmentIds) => certificates.findByEnrollments(enrollmentIds),
      (certificate) => certificate.enrollmentId,
    );
  }
}
