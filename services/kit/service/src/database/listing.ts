import { EntityRepository, type Knex } from '@mikro-orm/postgresql';

import type { Identity } from '../identity';
import { isUuid } from '../ids';
import {
  countAll,
  countByParent,
  fetchPage,
  fetchPagesByParent,
  querySignature,
  uuidParentMatch,
  type FetchedPage,
  type ParentMatch,
  type PageSpec,
  type SortKey,
} from './keyset';

/** What a list asks for: its filter, its order (for lists that offer a choice) and the page. */
export interface ListQuery<TFilter, TOrder = never> {
  filter?: TFilter;
  order?: TOrder;
  first: number;
  after?: string | null;
  /**
   * The caller selects the total: the page's statement counts it too, so no second statement is needed (except after
   * a page past the end, which has no row to carry it).
   */
  withTotal?: boolean;
}

/** The keys a list sorts by, and the order they implement when the list offers a choice of orders. */
export interface ListOrdering<TOrder> {
  sort: SortKey[];
  order?: TOrder;
  /** The order reads every match anyway (full-text ranking), so a first page counts them in the same statement. */
  countInPage?: boolean;
}

/**
 * The list reads every listed type shares: a page and a total of the whole list, and a page and a total per parent
 * for lists nested under another type (a city's policies), each for a whole batch of parents in one statement.
 * Pages and totals both come from `filtered`, so the caller's visibility applies to totals as well as pages. A
 * subclass states its name and table alias, its filters, its sort keys (or orderings) and the SQL each parent groups by.
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
  /** The SQL each nested list groups by, for example `{ city: 'p.city_id' }`; none for a list with no parents. */
  protected readonly parentColumns = {} as Record<TParent, string>;

  /** FROM, joins and WHERE of the list, the caller's visibility included; no order or limit. */
  protected abstract filtered(
    identity: Identity,
    filter: TFilter | undefined,
    parent?: TParent,
  ): (knex: Knex) => Knex.QueryBuilder;

  /** The sort keys of a list with one fixed order (the last unique, the id); a list that offers a choice overrides `ordering`. */
  protected readonly sort: SortKey[] = [];

  /** The order a query asks for, and its sort keys. */
  protected ordering(_query: ListQuery<TFilter, TOrder>): ListOrdering<TOrder> {
    return { sort: this.sort };
  }

  /** Whether a parent key can match at all; ids are uuids, so anything else matches nothing without a query. */
  protected isParentKey(_parent: TParent, key: string): boolean {
    return isUuid(key);
  }

  /**
   * How a nested list's rows match one parent key; by default an equality on the parent's uuid column, which an
   * index on (parent column, sort keys) serves. A parent keyed otherwise (an edition's day) says how it matches.
   */
  protected parentMatch(parent: TParent): ParentMatch {
    return uuidParentMatch(this.parentColumns[parent]);
  }

  private pageSpec(identity: Identity, query: ListQuery<TFilter, TOrder>, parent?: TParent): PageSpec {
    const { sort, order, countInPage } = this.ordering(query);
    return {
      countInPage: parent === undefined && countInPage,
      alias: this.alias,
      from: this.filtered(identity, query.filter ?? undefined, parent),
      sort,
      signature: querySignature(parent === undefined ? this.listName : `${this.listName}-of-${parent}`, {
        filter: query.filter ?? {},
        order,
      }),
      first: query.first,
      after: query.after,
      withTotal: query.withTotal,
    };
  }

  listPage(identity: Identity, query: ListQuery<TFilter, TOrder>): Promise<FetchedPage<T>> {
    return fetchPage(this.em, this.entityName, this.pageSpec(identity, query));
  }

  countMatching(identity: Identity, filter: TFilter | undefined): Promise<number> {
    return countAll(this.em, this.filtered(identity, filter ?? undefined));
  }

  /** One page per parent for a whole batch of parents, in one statement. */
  async pagesByParent(
    identity: Identity,
    parent: TParent,
    query: ListQuery<TFilter, TOrder>,
    parentKeys: readonly string[],
  ): Promise<Map<string, FetchedPage<T>>> {
    const spec = {
      ...this.pageSpec(identity, query, parent),
      parentColumn: this.parentColumns[parent],
      parentMatch: this.parentMatch(parent),
    };
    const pages = await fetchPagesByParent(
      this.em,
      this.entityName,
      spec,
      parentKeys.filter((key) => this.isParentKey(parent, key)),
    );
    // A key that cannot match (a reference's id that is no uuid) has an empty list, not a missing one.
    for (const key of parentKeys) {
      if (!pages.has(key)) {
        pages.set(key, { edges: [], hasNextPage: false, hasPreviousPage: Boolean(query.after), totalCount: 0 });
      }
    }
    return pages;
  }

  /** The total per parent for a whole batch of parents, in one statement. */
  async countsByParent(
    identity: Identity,
    parent: TParent,
    filter: TFilter | undefined,
    parentKeys: readonly string[],
  ): Promise<Map<string, number>> {
    const keys = parentKeys.filter((key) => this.isParentKey(parent, key));
    const totals = await countByParent(
      this.em,
      this.filtered(identity, filter ?? undefined, parent),
      this.parentColumns[parent],
      keys,
      this.parentMatch(parent),
    );
    for (const key of parentKeys) if (!totals.has(key)) totals.set(key, 0);
    return totals;
  }
}
