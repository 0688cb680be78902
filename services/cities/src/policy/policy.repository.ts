import type { Knex } from '@mikro-orm/postgresql';

import { visibilitySql } from '@hrc/domain-kit';
import {
  type Identity,
  isUuid,
  keysetOrder,
  ListingRepository,
  type ListOrdering,
  type ListQuery,
  type SortKey,
  tableQuery,
} from '@hrc/service-kit';

import type { Policy } from './policy.entity';
import { PolicyOrderField } from './policy.enums';
import type { PolicyFilter } from './policy.inputs';

const EFFECTIVE_ADOPTION = `coalesce(p.adopted_on, make_date(p.adopted_in, 1, 1), '0001-01-01'::date)`;

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
      if (filter.stage) query.where('p.stage', filter.stage);
      if (filter.status) query.where('p.status', filter.status);
      if (filter.adoptedAfter) query.whereRaw(`${EFFECTIVE_ADOPTION} >= ?::date`, [filter.adoptedAfter]);
      if (filter.adoptedBefore) query.whereRaw(`${EFFECTIVE_ADOPTION} <= ?::date`, [filter.adoptedBefore]);
      return query;
    };
  }

  protected override ordering(query: ListQuery<PolicyFilter, PolicyOrderField>): ListOrdering<PolicyOrderField> {
    const order = effectiveOrder(query.filter, query.order);
    // Ranking scores every match before the page is cut, so that scan counts them too.
    return { order, sort: sortKeys(order), countInPage: order === PolicyOrderField.RELEVANCE };
  }
}
