import { allowsSql, Rule } from '@hrc/domain-kit';
import { type Identity, keysetOrder, ListingRepository, tableQuery, tableRef } from '@hrc/service-kit';

import type { Enrollment } from './enrollment.entity';
import { EnrollmentStatus } from './enrollment.enums';
import type { EnrollmentFilter } from './enrollment.inputs';

const SORT = keysetOrder('asc', 'e.enrolled_at', 'e.id');

/**
 * Enrollments are a private list: a caller reads only those of cohorts whose programme its organisation provides
 * (the secretariat reads all), and the totals count only those. There is deliberately no filter on participant name
 * or email: a count over one would reveal who took part.
 */
export class EnrollmentRepository extends ListingRepository<Enrollment, EnrollmentFilter, never, 'cohort'> {
  protected readonly listName = 'enrollments';
  protected readonly alias = 'e';
  protected override readonly parentColumns = { cohort: 'e.cohort_id' };
  protected override readonly sort = SORT;

  protected filtered(identity: Identity, filter: EnrollmentFilter = {}) {
    return () => {
      const query = tableQuery(this.em, this.entityName, 'e')
        .join(tableRef(this.em, 'Cohort', 'c'), 'c.id', 'e.cohort_id')
        .join(tableRef(this.em, 'Program', 'p'), 'p.id', 'c.program_id');
      const readable = allowsSql(Rule.OWNER, identity, ['p.provider_id']);
      query.whereRaw(readable.sql, readable.bindings);
      if (filter.status) query.where('e.status', filter.status);
      return query;
    };
  }

  /** Places currently held in a cohort; call inside the transaction that locked the cohort row. */
  placesTaken(cohortId: string): Promise<number> {
    return this.em.count(this.entityName, { cohortId, status: { $ne: EnrollmentStatus.DROPPED } });
  }

  /** Whether the participant ever enrolled in the cohort, whatever became of the enrollment. */
  async hasEnrolled(cohortId: string, participantEmail: string): Promise<boolean> {
    return (await this.em.count(this.entityName, { cohortId, participantEmail })) > 0;
  }
}
