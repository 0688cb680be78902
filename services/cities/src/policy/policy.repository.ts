import { EntityRepository, type Knex } from '@mikro-orm/postgresql';

import { tableQuery, countAll, countByParent, type FetchedPage, fetchPage, fetchPagesByParent, type Identity, isUuid, querySignature, type SortKey } from '@hrc/service-kit';
import { visibilitySql } from '@hrc/domain-kit';

import { PolicyOrderField } from './policy.enums';
import type { PolicyFilter } from './policy.inputs';
import { Policy } from './policy.entity';

const EFFECTIVE_ADOPTION = `coalesce(p.adopted_on, make_date(p.adopted_in, 1, 1), '0001-01-01'::date)`;

/** The columns a nested list is grouped by. */
export type PolicyParent = 'city' | 'organization';
const PARENT_COLUMN: Record<PolicyParent, string> = { city: 'p.city_id', organization: 'p.contributed_by' };

export interface PolicyQuery {
  filter?: PolicyFilter;
  order?: PolicyOrderField;
  first: number;
  after?: string | null;
}

function sortKeys(order: PolicyOrderField): SortKey[] {
  switch (order) {
    case PolicyOrderField.RELEVANCE:
      return [
        { sql: 'ts_rank(p.search_vector, q.query)', direction: 'desc' },
        { sql: 'p.id', direction: 'desc' },
      ];
    case PolicyOrderField.TITLE:
      return [
        { sql: 'lower(p.title)', direction: 'asc' },
        { sql: 'p.id', direction: 'asc' },
      ];
    case PolicyOrderField.UPDATED_AT:
      return [
        { sql: 'p.updated_at', direction: 'desc' },
        { sql: 'p.id', direction: 'desc' },
      ];
    case PolicyOrderField.ADOPTED_ON:
      return [
        { sql: EFFECTIVE_ADOPTION, direction: 'desc' },
        { sql: 'p.id', direction: 'desc' },
      ];
  }
}

/** Relevance only means something with a search; without one, newest adoption first. */
export function effectiveOrder(filter: PolicyFilter | undefined, order: PolicyOrderField | undefined): PolicyOrderField {
  if (order === PolicyOrderField.RELEVANCE && !filter?.search) return PolicyOrderField.ADOPTED_ON;
  return order ?? (filter?.search ? PolicyOrderField.RELEVANCE : PolicyOrderField.ADOPTED_ON);
}

export class PolicyRepository extends EntityRepository<Policy> {
  /** Every list and count goes through here, so visibility applies to totals as well as pages. */
  private filtered(identity: Identity, filter: PolicyFilter = {}) {
    return (knex: Knex) => {
      const query = tableQuery(this.em, Policy, 'p');
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

  private pageSpec(identity: Identity, name: string, query: PolicyQuery) {
    const order = effectiveOrder(query.filter, query.order);
    return {
      alias: 'p',
      from: this.filtered(identity, query.filter),
      sort: sortKeys(order),
      signature: querySignature(name, { filter: query.filter ?? {}, order }),
      first: query.first,
      after: query.after,
    };
  }

  listPage(identity: Identity, query: PolicyQuery): Promise<FetchedPage<Policy>> {
    return fetchPage(this.em, Policy, this.pageSpec(identity, 'policies', query));
  }

  countMatching(identity: Identity, filter: PolicyFilter | undefined): Promise<number> {
    return countAll(this.em, this.filtered(identity, filter));
  }

  /** One page per parent for a whole batch of parents, in one statement. */
  pagesByParent(identity: Identity, parent: PolicyParent, query: PolicyQuery, parentIds: readonly string[]) {
    const spec = { ...this.pageSpec(identity, `policies-of-${parent}`, query), parentColumn: PARENT_COLUMN[parent] };
    return fetchPagesByParent(this.em, Policy, spec, parentIds.filter(isUuid));
  }

  countsByParent(identity: Identity, parent: PolicyParent, filter: PolicyFilter | undefined, parentIds: readonly string[]) {
    return countByParent(this.em, this.filtered(identity, filter), PARENT_COLUMN[parent], parentIds.filter(isUuid));
  }
}
