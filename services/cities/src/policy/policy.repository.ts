import type { Knex } from '@mikro-orm/postgresql';

import { isSdgTarget, visibilitySql } from '@hrc/domain-kit';
import {
  BadUserInputError,
  type Identity,
  isUuid,
  keysetOrder,
  ListingRepository,
  type ListOrdering,
  type ListQuery,
  type SortKey,
  tableQuery,
  tableRef,
} from '@hrc/service-kit';

import type { Policy } from './policy.entity';
import { PolicyOrderField } from './policy.enums';
import type { PolicyFilter } from './policy.inputs';

const EFFECTIVE_ADOPTION = `coalesce(p.adopted_on, make_date(p.adopted_in, 1, 1), '0001-01-01'::date)`;

/** Which statistics a statement computes: one per value of `keySql` (a city's id, or one constant for all). */
export interface PolicyStatisticsScope {
  keySql: string;
  where?: { sql: string; bindings: Knex.RawBinding[] };
}

export interface PolicyStatisticsRow {
  scope: string;
  dimension: 'total' | 'theme' | 'sdg' | 'stage' | 'region' | 'country' | 'year';
  key: string | null;
  count: number;
  sample: boolean;
}

/** The columns a nested list is grouped by. */
export type PolicyParent = 'city' | 'organization';
const PARENT_COLUMN: Record<PolicyParent, string> = { city: 'p.city_id', organization: 'p.contributed_by' };

function sortKeys(order: PolicyOrderField): SortKey[] {
  switch (order) {
    case PolicyOrderField.RELEVANCE:
      return keysetOrder('desc', 'ts_rank(p.search_vector, q.query)', 'p.id');
    case PolicyOrderField.TITLE:
      return keysetOrder('asc', 'lower(p.title)', 'p.id');
    case PolicyOrderField.UPDATED_AT:
      return keysetOrder('desc', 'p.updated_at', 'p.id');
    case PolicyOrderField.ADOPTED_ON:
      return keysetOrder('desc', EFFECTIVE_ADOPTION, 'p.id');
  }
}

/** Relevance only means something with a search; without one, newest adoption first. */
export function effectiveOrder(
  filter: PolicyFilter | undefined,
  order: PolicyOrderField | undefined,
): PolicyOrderField {
  if (order === PolicyOrderField.RELEVANCE && !filter?.search) return PolicyOrderField.ADOPTED_ON;
  return order ?? (filter?.search ? PolicyOrderField.RELEVANCE : PolicyOrderField.ADOPTED_ON);
}

export class PolicyRepository extends ListingRepository<Policy, PolicyFilter, PolicyOrderField, PolicyParent> {
  protected readonly listName = 'policies';
  protected readonly alias = 'p';
  protected override readonly parentColumns = PARENT_COLUMN;

  /** Every list and count goes through here, so visibility applies to totals as well as pages. */
  protected filtered(identity: Identity, filter: PolicyFilter = {}) {
    return (knex: Knex) => {
      const query = tableQuery(this.em, this.entityName, 'p');
      if (filter.search) query.crossJoin(knex.raw(`websearch_to_tsquery('simple', ?) as q(query)`, [filter.search]));
      const visibility = visibilitySql(identity, 'p');
      query.whereRaw(visibility.sql, visibility.bindings);
      if (filter.search) query.whereRaw('p.search_vector @@ q.query');
      if (filter.cityId !== undefined) {
        if (isUuid(filter.cityId)) query.where('p.city_id', filter.cityId);
        else query.whereRaw('false');
      }
      if (filter.organizationId !== undefined) {
        if (isUuid(filter.organizationId)) query.where('p.contributed_by', filter.organizationId);
        else query.whereRaw('false');
      }
      // Containment (@>) rather than = any(), so the GIN indexes on the arrays apply.
      if (filter.theme) query.whereRaw('p.themes @> array[?]::text[]', [filter.theme]);
      if (filter.sdg) query.whereRaw('p.sdgs @> array[?]::smallint[]', [filter.sdg]);
      if (filter.sdgTarget !== undefined && filter.sdgTarget !== null) {
        if (!isSdgTarget(filter.sdgTarget)) {
          throw new BadUserInputError('sdgTarget', `"${filter.sdgTarget}" is not one of the 169 SDG targets`);
        }
        query.whereRaw('p.sdg_targets @> array[?]::text[]', [filter.sdgTarget]);
      }
      if (filter.stage) query.where('p.stage', filter.stage);
      if (filter.status) query.where('p.status', filter.status);
      if (filter.adoptedAfter) query.whereRaw(`${EFFECTIVE_ADOPTION} >= ?::date`, [filter.adoptedAfter]);
      if (filter.adoptedBefore) query.whereRaw(`${EFFECTIVE_ADOPTION} <= ?::date`, [filter.adoptedBefore]);
      return query;
    };
  }

  /**
   * Policies counted by theme, SDG goal, stage, region, country and adoption year, in one statement: the filtered
   * policies once, grouped per dimension with UNION ALL, for each key of `scope` (every city of a batch, a region, or
   * the network as one key). Only policies the caller may read count.
   */
  async statisticsBy(
    identity: Identity,
    filter: PolicyFilter | undefined,
    scope: PolicyStatisticsScope,
  ): Promise<PolicyStatisticsRow[]> {
    const knex = this.em.getKnex();
    const policies = this.filtered(
      identity,
      filter,
    )(knex)
      .join(tableRef(this.em, 'City', 'c'), 'c.id', 'p.city_id')
      .select(
        knex.raw(
          `${scope.keySql} as scope, p.id, p.themes, p.sdgs, p.stage, c.region, c.country, p.is_sample_data as sample,
           coalesce(extract(year from p.adopted_on)::int, p.adopted_in) as year`,
        ),
      );
    if (scope.where) policies.whereRaw(scope.where.sql, scope.where.bindings);
    const dimension = (name: string, key: string, from = 'f') =>
      `select scope, '${name}' as dimension, ${key} as key, count(*)::int as count, bool_or(sample) as sample from ${from} group by scope, ${key}`;
    const result = await knex.raw(
      `with f as (?)
       ${dimension('total', 'null::text')}
       union all ${dimension('theme', 't.theme', 'f cross join unnest(f.themes) as t(theme)')}
       union all ${dimension('sdg', 'g.sdg::text', 'f cross join unnest(f.sdgs) as g(sdg)')}
       union all ${dimension('stage', 'f.stage::text')}
       union all ${dimension('region', 'f.region::text')}
       union all ${dimension('country', 'f.country::text')}
       union all ${dimension('year', 'f.year::text')}`,
      [policies],
    );
    return (result as { rows: PolicyStatisticsRow[] }).rows;
  }

  /** Per city, the policies matching `filter` that the caller may read, as a subquery (`city_id`, `policies`, `sample`). */
  countedPerCity(identity: Identity, filter: PolicyFilter | undefined): Knex.QueryBuilder {
    const knex = this.em.getKnex();
    return this.filtered(
      identity,
      filter,
    )(knex)
      .select(knex.raw('p.city_id, count(*)::int as policies, bool_or(p.is_sample_data) as sample'))
      .groupBy('p.city_id');
  }

  protected override ordering(query: ListQuery<PolicyFilter, PolicyOrderField>): ListOrdering<PolicyOrderField> {
    const order = effectiveOrder(query.filter, query.order);
    // Ranking scores every match before the page is cut, so that scan counts them too.
    return { order, sort: sortKeys(order), countInPage: order === PolicyOrderField.RELEVANCE };
  }
}
