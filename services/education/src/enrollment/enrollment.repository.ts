import { EntityRepository, type Knex } from '@mikro-orm/postgresql';

import { countByParent, type FetchedPage, fetchPagesByParent, isUuid, querySignature, type SortKey } from '@hrc/service-kit';

import { Enrollment } from './enrollment.entity';
import { EnrollmentStatus } from './enrollment.enums';
import type { EnrollmentFilter } from './enrollment.inputs';

export interface EnrollmentQuery {
  filter?: EnrollmentFilter;
  first: number;
  after?: string | null;
}

const SORT: SortKey[] = [
  { sql: 'e.enrolled_at', direction: 'asc' },
  { sql: 'e.id', direction: 'asc' },
];

/**
 * Enrollments are only reached through a cohort the caller may read. There is deliberately no filter on
 * participant name or email: a count over one would reveal who took part.
 */
export class EnrollmentRepository extends EntityRepository<Enrollment> {
  private filtered(filter: EnrollmentFilter = {}) {
    return (knex: Knex) => {
      const query = knex.from({ e: 'education.enrollment' });
      if (filter.status) query.where('e.status', filter.status);
      return query;
    };
  }

  pagesByCohort(query: EnrollmentQuery, cohortIds: readonly string[]): Promise<Map<string, FetchedPage<Enrollment>>> {
    return fetchPagesByParent(
      this.em,
      Enrollment,
      {
        alias: 'e',
        from: this.filtered(query.filter),
        sort: SORT,
        signature: querySignature('enrollments-of-cohort', query.filter ?? {}),
        first: query.first,
        after: query.after,
        parentColumn: 'e.cohort_id',
      },
      cohortIds.filter(isUuid),
    );
  }

  /** Places currently held in a cohort; call inside the transaction that locked the cohort row. */
  placesTaken(cohortId: string): Promise<number> {
    return this.em.count(Enrollment, { cohortId, status: { $ne: EnrollmentStatus.DROPPED } });
  }

  countsByCohort(filter: EnrollmentFilter | undefined, cohortIds: readonly string[]) {
    return countByParent(this.em, this.filtered(filter), 'e.cohort_id', cohortIds.filter(isUuid));
  }
}
