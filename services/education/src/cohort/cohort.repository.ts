import { LockMode } from '@mikro-orm/core';

import { visibilitySql } from '@hrc/domain-kit';
import { type Identity, isUuid, keysetOrder, ListingRepository, tableQuery, tableRef } from '@hrc/service-kit';

import type { Cohort } from './cohort.entity';
import type { CohortFilter } from './cohort.inputs';

export interface CohortSeats {
  enrolled: number;
  completed: number;
  dropped: number;
}

const SORT = keysetOrder('asc', 'c.starts_on', 'c.id');

export class CohortRepository extends ListingRepository<Cohort, CohortFilter, never, 'program'> {
  protected readonly listName = 'cohorts';
  protected readonly alias = 'c';
  protected override readonly parentColumns = { program: 'c.program_id' };
  protected override readonly sort = SORT;

  /** Cohorts are read under their programme's visibility. */
  protected filtered(identity: Identity, filter: CohortFilter = {}) {
    return () => {
      const query = tableQuery(this.em, this.entityName, 'c').join(
        tableRef(this.em, 'Program', 'p'),
        'p.id',
        'c.program_id',
      );
      const visibility = visibilitySql(identity, 'p');
      query.whereRaw(visibility.sql, visibility.bindings);
      if (filter.startsOnOrAfter) query.whereRaw('c.starts_on >= ?::date', [filter.startsOnOrAfter]);
      if (filter.startsOnOrBefore) query.whereRaw('c.starts_on <= ?::date', [filter.startsOnOrBefore]);
      return query;
    };
  }

  async visibleByIds(identity: Identity, ids: readonly string[]): Promise<Cohort[]> {
    const rows = (await this.filtered(identity)()
      .select('c.*')
      .whereRaw('c.id = any(?)', [ids.filter(isUuid)])) as Array<Record<string, unknown>>;
    return rows.map((row) => this.em.map(this.entityName, row as never));
  }

  /**
   * A cohort about to give out a place, locked (SELECT … FOR UPDATE) until the transaction ends, so that counting the
   * places taken and taking one is a single step for every concurrent enrollment; null when there is none.
   */
  findForSeating(id: string): Promise<Cohort | null> {
    return this.em.findOne(this.entityName, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  /** Places taken, completions and drop-outs of many cohorts in one grouped statement; a cohort with none is left out. */
  async seatsByCohort(cohortIds: readonly string[]): Promise<Map<string, CohortSeats>> {
    const knex = this.em.getKnex();
    const rows = (await tableQuery(this.em, 'Enrollment', 'e')
      .select(
        knex.raw(
          `e.cohort_id::text as cohort,
           (count(*) filter (where e.status <> 'DROPPED'))::int as enrolled,
           (count(*) filter (where e.status = 'COMPLETED'))::int as completed,
           (count(*) filter (where e.status = 'DROPPED'))::int as dropped`,
        ),
      )
      .whereRaw('e.cohort_id = any(?)', [cohortIds.filter(isUuid)])
      .groupBy('e.cohort_id')) as Array<CohortSeats & { cohort: string }>;
    return new Map(rows.map(({ cohort, ...counts }) => [cohort, counts]));
  }

  /** The provider organisation of many cohorts, for the participant privacy rule; ignores visibility on purpose. */
  async providerByCohort(cohortIds: readonly string[]): Promise<Map<string, string>> {
    const knex = this.em.getKnex();
    const rows = (await tableQuery(this.em, this.entityName, 'c')
      .select(knex.raw('c.id::text as cohort, p.provider_id::text as provider'))
      .join(tableRef(this.em, 'Program', 'p'), 'p.id', 'c.program_id')
      .whereRaw('c.id = any(?)', [cohortIds.filter(isUuid)])) as Array<{ cohort: string; provider: string }>;
    return new Map(rows.map((row) => [row.cohort, row.provider]));
  }
}
