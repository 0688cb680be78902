import { EntityRepository, type Knex } from '@mikro-orm/postgresql';

import { countByParent, type FetchedPage, fetchPagesByParent, type Identity, isUuid, querySignature, type SortKey } from '@hrc/service-kit';
import { visibilitySql } from '@hrc/domain-kit';

import { Cohort } from './cohort.entity';
import type { CohortFilter } from './cohort.inputs';

export interface CohortQuery {
  filter?: CohortFilter;
  first: number;
  after?: string | null;
}

export interface CohortSeats {
  enrolled: number;
  completed: number;
  dropped: number;
}

const SORT: SortKey[] = [
  { sql: 'c.starts_on', direction: 'asc' },
  { sql: 'c.id', direction: 'asc' },
];

export class CohortRepository extends EntityRepository<Cohort> {
  /** Cohorts are read under their programme's visibility. */
  private filtered(identity: Identity, filter: CohortFilter = {}) {
    return (knex: Knex) => {
      const query = knex.from({ c: 'education.cohort' }).join({ p: 'education.program' }, 'p.id', 'c.program_id');
      const visibility = visibilitySql(identity, 'p');
      query.whereRaw(visibility.sql, visibility.bindings);
      if (filter.startsOnOrAfter) query.whereRaw('c.starts_on >= ?::date', [filter.startsOnOrAfter]);
      if (filter.startsOnOrBefore) query.whereRaw('c.starts_on <= ?::date', [filter.startsOnOrBefore]);
      return query;
    };
  }

  async visibleByIds(identity: Identity, ids: readonly string[]): Promise<Cohort[]> {
    const knex = this.em.getKnex();
    const rows = (await this.filtered(identity)(knex)
      .select('c.*')
      .whereRaw('c.id = any(?)', [ids.filter(isUuid)])) as Array<Record<string, unknown>>;
    return rows.map((row) => this.em.map(Cohort, row as never));
  }

  pagesByProgram(identity: Identity, query: CohortQuery, programIds: readonly string[]): Promise<Map<string, FetchedPage<Cohort>>> {
    return fetchPagesByParent(
      this.em,
      Cohort,
      {
        alias: 'c',
        from: this.filtered(identity, query.filter),
        sort: SORT,
        signature: querySignature('cohorts-of-program', query.filter ?? {}),
        first: query.first,
        after: query.after,
        parentColumn: 'c.program_id',
      },
      programIds.filter(isUuid),
    );
  }

  countsByProgram(identity: Identity, filter: CohortFilter | undefined, programIds: readonly string[]) {
    return countByParent(this.em, this.filtered(identity, filter), 'c.program_id', programIds.filter(isUuid));
  }

  /** Places taken, completions and drop-outs of many cohorts in one grouped statement. */
  async seatsByCohort(cohortIds: readonly string[]): Promise<Map<string, CohortSeats>> {
    const knex = this.em.getKnex();
    const rows = (await knex
      .select(
        knex.raw(
          `e.cohort_id::text as cohort,
           (count(*) filter (where e.status <> 'DROPPED'))::int as enrolled,
           (count(*) filter (where e.status = 'COMPLETED'))::int as completed,
           (count(*) filter (where e.status = 'DROPPED'))::int as dropped`,
        ),
      )
      .from({ e: 'education.enrollment' })
      .whereRaw('e.cohort_id = any(?)', [cohortIds.filter(isUuid)])
      .groupBy('e.cohort_id')) as Array<CohortSeats & { cohort: string }>;
    const seats = new Map<string, CohortSeats>(cohortIds.map((id) => [id, { enrolled: 0, completed: 0, dropped: 0 }]));
    for (const { cohort, ...counts } of rows) seats.set(cohort, counts);
    return seats;
  }

  /** The provider organisation of many cohorts, for the participant privacy check; ignores visibility on purpose. */
  async providerByCohort(cohortIds: readonly string[]): Promise<Map<string, string>> {
    const knex = this.em.getKnex();
    const rows = (await knex
      .select(knex.raw('c.id::text as cohort, p.provider_id::text as provider'))
      .from({ c: 'education.cohort' })
      .join({ p: 'education.program' }, 'p.id', 'c.program_id')
      .whereRaw('c.id = any(?)', [cohortIds.filter(isUuid)])) as Array<{ cohort: string; provider: string }>;
    return new Map(rows.map((row) => [row.cohort, row.provider]));
  }
}
