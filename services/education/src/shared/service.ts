import type { EntityName } from '@mikro-orm/core';
import { EntityRepository, type EntityManager, type Knex } from '@mikro-orm/postgresql';

import {
  countAll,
  countByParent,
  fetchPage,
  fetchPagesByParent,
  isUuid,
  querySignature,
  type FetchedPage,
  type Identity,
  type PageSpec,
  type SortKey,
} from '@hrc/service-kit';

/*
 * Database helpers the education subgraph needs and @hrc/service-kit does not have yet. They name no education type,
 * so they can move unchanged to services/kit/service/src/database/ (`tableRef` next to `tableQuery` in tables.ts,
 * `ListingRepository` next to the keyset functions it composes).
 */

/**
 * An entity's table for a knex join, `"schema"."table" as "alias"`, named from MikroORM's metadata like the FROM of
 * `tableQuery`: `tableQuery(em, Cohort, 'c').join(tableRef(em, Program, 'p'), 'p.id', 'c.program_id')`.
 */
export function tableRef(em: EntityManager, entity: EntityName<object>, alias: string): Knex.Raw {
  const metadata = em.getMetadata().find(entity);
  if (!metadata) throw new Error(`No table for ${String(entity)}`);
  const schema = em.getDriver().getSchemaName(metadata);
  return em.getKnex().raw('?? as ??', [schema ? `${schema}.${metadata.tableName}` : metadata.tableName, alias]);
}

/** What a list asks for: its filter, its order (for lists that offer one) and the page. */
export interface ListQuery<TFilter, TOrder = never> {
  filter?: TFilter;
  order?: TOrder;
  first: number;
  after?: string | null;
}

/** The keys a list sorts by, and the order they implement when the list offers a choice of orders. */
export interface ListOrdering<TOrder> {
  sort: SortKey[];
  order?: TOrder;
}

/**
 * The list reads every listed type shares: a page and a total of the whole list, and a page and a total per parent
 * for lists nested under another type (a city's programmes), each for a whole batch of parents in one statement.
 * Pages and totals both come from `filtered`, so the caller's visibility applies to totals as well as pages. A
 * subclass states its table alias, its filters, its sort keys and the column each parent groups by.
 */
export abstract class ListingRepository<
  T extends object,
  TFilter extends object,
  TOrder = never,
  TParent extends string = never,
> extends EntityRepository<T> {
  /** Names the list in its cursors, so that a cursor only continues the list that made it. */
  protected abstract readonly listName: string;
  /** The alias of the listed table in `filtered`, the sort keys and the parent columns. */
  protected abstract readonly alias: string;
  /** The column each nested list groups by, for example `{ city: 'p.city_id' }`. */
  protected abstract readonly parentColumns: Record<TParent, string>;

  /** FROM, joins and WHERE of the list, the caller's visibility included; no order or limit. */
  protected abstract filtered(identity: Identity, filter: TFilter | undefined, parent?: TParent): (knex: Knex) => Knex.QueryBuilder;

  protected abstract ordering(query: ListQuery<TFilter, TOrder>): ListOrdering<TOrder>;

  private pageSpec(identity: Identity, query: ListQuery<TFilter, TOrder>, parent?: TParent): PageSpec {
    const { sort, order } = this.ordering(query);
    const name = parent === undefined ? this.listName : `${this.listName}-of-${parent}`;
    const filter = query.filter ?? {};
    return {
      alias: this.alias,
      from: this.filtered(identity, query.filter, parent),
      sort,
      // A list with one fixed order signs its filter alone.
      signature: querySignature(name, order === undefined ? filter : { filter, order }),
      first: query.first,
      after: query.after,
    };
  }

  listPage(identity: Identity, query: ListQuery<TFilter, TOrder>): Promise<FetchedPage<T>> {
    return fetchPage(this.em, this.entityName, this.pageSpec(identity, query));
  }

  countMatching(identity: Identity, filter: TFilter | undefined): Promise<number> {
    return countAll(this.em, this.filtered(identity, filter));
  }

  /** One page per parent for a whole batch of parents, in one statement. */
  pagesByParent(
    identity: Identity,
    parent: TParent,
    query: ListQuery<TFilter, TOrder>,
    parentIds: readonly string[],
  ): Promise<Map<string, FetchedPage<T>>> {
    const spec = { ...this.pageSpec(identity, query, parent), parentColumn: this.parentColumns[parent] };
    return fetchPagesByParent(this.em, this.entityName, spec, parentIds.filter(isUuid));
  }

  /** The total per parent for a whole batch of parents, in one statement. */
  countsByParent(identity: Identity, parent: TParent, filter: TFilter | undefined, parentIds: readonly string[]): Promise<Map<string, number>> {
    return countByParent(this.em, this.filtered(identity, filter, parent), this.parentColumns[parent], parentIds.filter(isUuid));
  }
}
