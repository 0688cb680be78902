import type { EntityClass, FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ArrayMaxSize, IsOptional, ValidateNested } from 'class-validator';
import DataLoader from 'dataloader';
import { Field } from 'type-graphql';

import type { FetchedPage, Identity } from '@hrc/service-kit';
import { LoaderRegistry, LocalizedTextInput, toConnection, type Connection } from '@hrc/graph-kit';

import type { ListQuery } from './service';

/*
 * Graph-layer helpers the education subgraph needs and @hrc/graph-kit does not have yet. They name no education type,
 * so they can move unchanged to services/kit/graph/src/ (the loaders next to `LoaderRegistry`, the input field next to
 * `LocalizedTextInput`); until then they live here, written once.
 */

/**
 * Records by one unique property (`id`, `slug`, `code`), one SELECT per batch; a key with no record, one that fails
 * `validKey` (a malformed uuid) or a record the caller may not read (`readable`) loads as null.
 */
export function recordLoader<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  property: keyof T & string,
  options: { validKey?: (key: string) => boolean; readable?: (record: T) => boolean } = {},
): DataLoader<string, T | null> {
  const { validKey = () => true, readable = () => true } = options;
  return new DataLoader(async (keys) => {
    const found = await em.find(entity, { [property]: { $in: keys.filter(validKey) } } as FilterQuery<T>);
    const byKey = new Map(found.filter(readable).map((record) => [String(record[property]), record]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** The repository side of a whole list (`ListingRepository` has it): a page, and the total. */
export interface ListSource<T, TFilter, TOrder> {
  listPage(identity: Identity, query: ListQuery<TFilter, TOrder>): Promise<FetchedPage<T>>;
  countMatching(identity: Identity, filter: TFilter | undefined): Promise<number>;
}

/** A whole list as a connection; its total is counted only if the caller selects it. */
export async function listConnection<T, TFilter, TOrder>(
  source: ListSource<T, TFilter, TOrder>,
  identity: Identity,
  query: ListQuery<TFilter, TOrder>,
): Promise<Connection<T>> {
  const page = await source.listPage(identity, query);
  return toConnection(page, () => source.countMatching(identity, query.filter));
}

/** The repository side of a nested list (`ListingRepository` has it): pages and totals for a batch of parents. */
export interface NestedListSource<T, TFilter, TOrder, TParent extends string> {
  pagesByParent(
    identity: Identity,
    parent: TParent,
    query: ListQuery<TFilter, TOrder>,
    parentIds: readonly string[],
  ): Promise<Map<string, FetchedPage<T>>>;
  countsByParent(identity: Identity, parent: TParent, filter: TFilter | undefined, parentIds: readonly string[]): Promise<Map<string, number>>;
}

/**
 * Per-request loaders of a list nested under other types (`City.programs`, `Cohort.enrollments`): one statement for
 * the pages of every parent on a page of results, and one for their totals when a caller selects `totalCount`.
 */
export class NestedListLoaders<T, TFilter, TOrder = never, TParent extends string = string> {
  protected readonly registry = new LoaderRegistry();

  constructor(
    /** Names the loaders, for example "programs". */
    private readonly listName: string,
    private readonly source: () => NestedListSource<T, TFilter, TOrder, TParent>,
    protected readonly identity: Identity,
  ) {}

  pageOf(parent: TParent, query: ListQuery<TFilter, TOrder>): DataLoader<string, FetchedPage<T>> {
    return this.registry.get(`${this.listName}-of-${parent}`, query, (parentIds) =>
      this.source().pagesByParent(this.identity, parent, query, parentIds),
    );
  }

  countOf(parent: TParent, filter: TFilter | undefined): DataLoader<string, number> {
    return this.registry.get(`${this.listName}-count-of-${parent}`, filter, (parentIds) =>
      this.source().countsByParent(this.identity, parent, filter, parentIds),
    );
  }

  /** One parent's list as a connection; its total is counted only if the caller selects it. */
  async connectionOf(parent: TParent, parentId: string, query: ListQuery<TFilter, TOrder>): Promise<Connection<T>> {
    const page = await this.pageOf(parent, query).load(parentId);
    return toConnection(page, () => this.countOf(parent, query.filter).load(parentId));
  }
}

/** An optional input list of translations of a text (`titleTranslations`, `descriptionTranslations`, …), each validated. */
export function TranslationsInputField(): PropertyDecorator {
  return (prototype, property) => {
    Field(() => [LocalizedTextInput], { nullable: true })(prototype, property);
    IsOptional()(prototype, property);
    ArrayMaxSize(50)(prototype, property);
    ValidateNested({ each: true })(prototype, property);
  };
}
