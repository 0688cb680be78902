import type { Knex } from '@mikro-orm/postgresql';

import { visibilitySql } from '@hrc/domain-kit';
import {
  containsPattern,
  type Identity,
  isUuid,
  keysetOrder,
  ListingRepository,
  type ListOrdering,
  type ListQuery,
  preparedStatement,
  type SortKey,
  tableQuery,
  tableRef,
} from '@hrc/service-kit';

import type { Program } from './program.entity';
import { ProgramAudience, ProgramOrderField } from './program.enums';
import type { ProgramFilter } from './program.inputs';

/** The parents a nested programme list is grouped by. */
export type ProgramParent = 'city' | 'organization' | 'event';
const PARENT_COLUMN: Record<ProgramParent, string> = {
  city: 'p.city_id',
  organization: 'p.provider_id',
  event: 'ce.event_id',
};

export type ReachParent = Exclude<ProgramParent, 'event'>;

export interface AudienceReachFigures {
  audience: ProgramAudience;
  enrolled: number;
  completed: number;
  dropped: number;
}

export interface ReachFigures {
  year: number | null;
  programs: number;
  cohorts: number;
  enrolled: number;
  completed: number;
  dropped: number;
  /** True when any counted cohort is made-up sample data, so a figure is never passed off as real. */
  includesSampleData: boolean;
  byAudience: AudienceReachFigures[];
}

function sortKeys(order: ProgramOrderField): SortKey[] {
  switch (order) {
    case ProgramOrderField.UPDATED_AT:
      return keysetOrder('desc', 'p.updated_at', 'p.id');
    case ProgramOrderField.TITLE:
      return keysetOrder('asc', 'lower(p.title)', 'p.id');
  }
}

/** Cohorts starting within a calendar year, or any year when none is given. */
function yearCondition(year: number | null): { sql: string; bindings: number[] } {
  if (year === null) return { sql: 'true', bindings: [] };
  return { sql: 'c.starts_on >= make_date(?, 1, 1) and c.starts_on < make_date(?, 1, 1)', bindings: [year, year + 1] };
}

export function emptyReach(year: number | null): ReachFigures {
  return {
    year,
    programs: 0,
    cohorts: 0,
    enrolled: 0,
    completed: 0,
    dropped: 0,
    includesSampleData: false,
    byAudience: [],
  };
}

/** One row of a reach query grouped by `grouping sets ((key), (key, audience))`. */
export interface ReachRow {
  audience: ProgramAudience | null;
  programs: number;
  cohorts: number;
  enrolled: number;
  completed: number;
  dropped: number;
  sample: boolean;
}

/**
 * Folds a reach query's grouping-set rows into each key's figures: the row grouped by the key alone carries its
 * totals, the others one audience each.
 */
export function foldReachRows<TRow extends ReachRow>(
  reach: Map<string, ReachFigures>,
  rows: TRow[],
  keyOf: (row: TRow) => string,
  isKeyTotal: (row: TRow) => boolean,
): Map<string, ReachFigures> {
  for (const row of rows) {
    const figures = reach.get(keyOf(row));
    if (!figures) continue;
    if (isKeyTotal(row)) {
      Object.assign(figures, {
        programs: row.programs,
        cohorts: row.cohorts,
        enrolled: row.enrolled,
        completed: row.completed,
        dropped: row.dropped,
        includesSampleData: row.sample,
      });
    } else if (row.audience !== null) {
      figures.byAudience.push({
        audience: row.audience,
        enrolled: row.enrolled,
        completed: row.completed,
        dropped: row.dropped,
      });
    }
  }
  for (const figures of reach.values()) figures.byAudience.sort((a, b) => a.audience.localeCompare(b.audience));
  return reach;
}

export class ProgramRepository extends ListingRepository<Program, ProgramFilter, ProgramOrderField, ProgramParent> {
  protected readonly listName = 'programs';
  protected readonly alias = 'p';
  protected override readonly parentColumns = PARENT_COLUMN;

  /** Every list and count goes through here, so visibility applies to totals as well as pages. */
  protected filtered(identity: Identity, filter: ProgramFilter = {}, parent?: ProgramParent) {
    return (knex: Knex) => {
      const query = tableQuery(this.em, this.entityName, 'p');
      if (parent === 'event') {
        // One row per (programme, event), so a programme run twice at an event is listed once.
        const deliveries = tableQuery(this.em, 'Cohort', 'w')
          .distinct('w.program_id', 'w.event_id')
          .whereNotNull('w.event_id');
        query.join(deliveries.as('ce'), 'ce.program_id', 'p.id');
      }
      const visibility = visibilitySql(identity, 'p');
      query.whereRaw(visibility.sql, visibility.bindings);
      if (filter.cityId !== undefined) {
        if (isUuid(filter.cityId)) query.where('p.city_id', filter.cityId);
        else query.whereRaw('false');
      }
      if (filter.providerId !== undefined) {
        if (isUuid(filter.providerId)) query.where('p.provider_id', filter.providerId);
        else query.whereRaw('false');
      }
      if (filter.audience) query.whereRaw('? = any(p.audiences)', [filter.audience]);
      if (filter.theme) query.whereRaw('? = any(p.themes)', [filter.theme]);
      if (filter.language)
        query.whereRaw('lower(?) = any(select lower(l) from unnest(p.languages) l)', [filter.language]);
      if (filter.format) query.where('p.format', filter.format);
      if (filter.status) query.where('p.status', filter.status);
      if (filter.startsOnOrAfter || filter.startsOnOrBefore) {
        query.whereExists(
          tableQuery(this.em, 'Cohort', 'w')
            .select(knex.raw('1'))
            .whereRaw('w.program_id = p.id')
            .whereRaw(
              "w.starts_on >= coalesce(?::date, '-infinity'::date) and w.starts_on <= coalesce(?::date, 'infinity'::date)",
              [filter.startsOnOrAfter ?? null, filter.startsOnOrBefore ?? null],
            ),
        );
      }
      if (filter.search) {
        const pattern = containsPattern(filter.search);
        query.whereRaw(
          '(p.title ilike ? or p.description ilike ? or p.title_translations::text ilike ? or p.description_translations::text ilike ?)',
          [pattern, pattern, pattern, pattern],
        );
      }
      return query;
    };
  }

  protected override ordering(query: ListQuery<ProgramFilter, ProgramOrderField>): ListOrdering<ProgramOrderField> {
    const order = query.order ?? ProgramOrderField.TITLE;
    return { order, sort: sortKeys(order) };
  }

  /**
   * Education reach for a batch of cities or providers in one aggregate statement: grouping sets give each
   * parent's totals and its per-audience figures together. Only programmes the caller may read count.
   */
  async reachByParent(
    identity: Identity,
    parent: ReachParent,
    year: number | null,
    parentIds: readonly string[],
  ): Promise<Map<string, ReachFigures>> {
    const ids = parentIds.filter(isUuid);
    const reach = new Map<string, ReachFigures>(parentIds.map((id) => [id, emptyReach(year)]));
    if (ids.length === 0) return reach;
    const parentColumn = PARENT_COLUMN[parent];
    const visibility = visibilitySql(identity, 'p');
    const inYear = yearCondition(year);
    const knex = this.em.getKnex();
    const rows = (await preparedStatement(
      tableQuery(this.em, this.entityName, 'p')
        .select(
          knex.raw(
            `${parentColumn}::text as parent, e.audience, grouping(e.audience) as per_parent,
           count(distinct p.id)::int as programs,
           count(distinct c.id)::int as cohorts,
           (count(e.id) filter (where e.status <> 'DROPPED'))::int as enrolled,
           (count(e.id) filter (where e.status = 'COMPLETED'))::int as completed,
           (count(e.id) filter (where e.status = 'DROPPED'))::int as dropped,
           bool_or(c.is_sample_data) as sample`,
          ),
        )
        .join(tableRef(this.em, 'Cohort', 'c'), 'c.program_id', 'p.id')
        .leftJoin(tableRef(this.em, 'Enrollment', 'e'), 'e.cohort_id', 'c.id')
        .whereRaw(`${parentColumn} = any(?)`, [ids])
        .whereRaw(visibility.sql, visibility.bindings)
        .whereRaw(inYear.sql, inYear.bindings)
        .groupByRaw(`grouping sets ((${parentColumn}), (${parentColumn}, e.audience))`),
    )) as Array<ReachRow & { parent: string; per_parent: number }>;
    return foldReachRows(
      reach,
      rows,
      (row) => row.parent,
      (row) => Number(row.per_parent) === 1,
    );
  }
}
