import type { EntityClass, FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';

import { BadUserInputError, isUuid, type FetchedPage, type Identity, type ListQuery } from '@hrc/service-kit';

import { toConnection, type Connection } from './connection';

/*
 * Per-request DataLoaders: every field that loads related data batches through one of these, so a page of results
 * costs one statement per field, never one per row.
 */

/**
 * Per-request loaders keyed by their arguments, so `policies(first: 3)` on 100 cities shares one batch
 * while `policies(first: 5)` gets its own.
 */
export class LoaderRegistry {
  private readonly loaders = new Map<string, unknown>();

  /** The request's loader of this name and these arguments, created on first use. */
  private memo<L>(name: string, args: unknown, create: () => L): L {
    const key = `${name}:${JSON.stringify(args ?? null)}`;
    if (!this.loaders.has(key)) this.loaders.set(key, create());
    return this.loaders.get(key) as L;
  }

  get<V>(
    name: string,
    args: unknown,
    batch: (keys: readonly string[]) => Promise<Map<string, V>>,
  ): DataLoader<string, V> {
    return this.memo(
      name,
      args,
      () =>
        new DataLoader<string, V>(async (keys) => {
          const found = await batch(keys);
          return keys.map((k) => found.get(k) as V);
        }),
    );
  }

  /**
   * A loader of totals over sets of keys (a region's cities, the network's): one load per set, and every set of the
   * request answered from one `batch` of their union, then folded by `total`. Loading each key of a 5,000-city total
   * through `get` cost a promise per key; this costs one per total. Not cached: each total is asked for once.
   */
  totals<V, T>(
    name: string,
    args: unknown,
    batch: (keys: readonly string[]) => Promise<Map<string, V>>,
    total: (values: V[]) => T,
  ): DataLoader<readonly string[], T> {
    return this.memo(
      `${name}:totals`,
      args,
      () =>
        new DataLoader<readonly string[], T>(
          async (sets) => {
            const found = await batch([...new Set(sets.flat())]);
            return sets.map((keys) => total(keys.flatMap((k) => (found.has(k) ? [found.get(k)!] : []))));
          },
          { cache: false },
        ),
    );
  }
}

/** A loader over a lookup that answers a whole batch with a map; keys it leaves out load as `missing`. */
export function mapLoader<K, V>(
  lookup: (keys: readonly K[]) => Promise<ReadonlyMap<K, V>>,
  missing: V,
): DataLoader<K, V> {
  return new DataLoader(async (keys) => {
    const found = await lookup(keys);
    return keys.map((key) => (found.has(key) ? found.get(key)! : missing));
  });
}

/** A loader of at most one record per key, from one lookup per batch; a key with no record loads as null. */
export function recordLoader<K, V>(
  lookup: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (record: V) => K,
): DataLoader<K, V | null> {
  return mapLoader(async (keys) => new Map((await lookup(keys)).map((record) => [keyOf(record), record])), null);
}

/** A loader of every record under each key, in the lookup's order, from one lookup per batch. */
export function groupLoader<K, V>(
  lookup: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (record: V) => K,
): DataLoader<K, V[]> {
  return new DataLoader(async (keys) => {
    const groups = new Map<K, V[]>(keys.map((key) => [key, []]));
    for (const record of await lookup(keys)) groups.get(keyOf(record))?.push(record);
    return keys.map((key) => groups.get(key)!);
  });
}

/**
 * Records of an entity by one unique property (`id`, `slug`, `code`), one SELECT per batch; a key with no record, one
 * that fails `validKey` (a malformed uuid) or a record the caller may not read (`readable`) loads as null.
 */
export function entityLoader<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  property: keyof T & string,
  options: { validKey?: (key: string) => boolean; readable?: (record: T) => boolean } = {},
): DataLoader<string, T | null> {
  const { validKey = () => true, readable = () => true } = options;
  return recordLoader(
    async (keys) =>
      (await em.find(entity, { [property]: { $in: keys.filter(validKey) } } as FilterQuery<T>)).filter(readable),
    (record) => String(record[property]),
  );
}

/** Loaders of a type with two keys, a uuid `id` and a `slug` (a city, an organisation). */
export interface IdAndSlugLoaders<T> {
  byId: DataLoader<string, T | null>;
  bySlug: DataLoader<string, T | null>;
}

export function idAndSlugLoaders<T extends { id: string; slug: string }>(
  em: EntityManager,
  entity: EntityClass<T>,
): IdAndSlugLoaders<T> {
  return { byId: entityLoader(em, entity, 'id', { validKey: isUuid }), bySlug: entityLoader(em, entity, 'slug') };
}

/** A record asked for by exactly one of its two keys, `id` or `slug`; both or neither is BAD_USER_INPUT. */
export function loadByIdOrSlug<T>(
  loaders: IdAndSlugLoaders<T>,
  id: string | null | undefined,
  slug: string | null | undefined,
): Promise<T | null> {
  if ((id === undefined || id === null) === (slug === undefined || slug === null)) {
    throw new BadUserInputError('id', 'give exactly one of id or slug');
  }
  return id ? loaders.byId.load(id) : loaders.bySlug.load(slug!);
}

/** The repository side of a nested list (`ListingRepository` has it): pages and totals for a batch of parents. */
export interface NestedListSource<T, TFilter, TOrder, TParent extends string> {
  pagesByParent(
    identity: Identity,
    parent: TParent,
    query: ListQuery<TFilter, TOrder>,
    parentKeys: readonly string[],
  ): Promise<Map<string, FetchedPage<T>>>;
  countsByParent(
    identity: Identity,
    parent: TParent,
    filter: TFilter | undefined,
    parentKeys: readonly string[],
  ): Promise<Map<string, number>>;
}

/**
 * Per-request loaders of a list nested under other types (`City.policies`, `Cohort.enrollments`): one statement for
 * the pages of every parent in a response, their totals in it when a caller selects `totalCount` beside the page
 * (`ListQuery.withTotal`), else one more statement for the totals only if selected. A subgraph's
 * loaders of the listed type extend it with their own (by id, counts), sharing its registry and identity.
 */
export class NestedListLoaders<T, TFilter, TOrder = never, TParent extends string = string> {
  protected readonly registry = new LoaderRegistry();

  constructor(
    /** Names the loaders, for example "policies". */
    private readonly listName: string,
    private readonly source: NestedListSource<T, TFilter, TOrder, TParent>,
    protected readonly identity: Identity,
  ) {}

  /** The pages of a batch of parents, for one query. */
  pageOf(parent: TParent, query: ListQuery<TFilter, TOrder>): DataLoader<string, FetchedPage<T>> {
    return this.registry.get(`${this.listName}-of-${parent}`, query, (keys) =>
      this.source.pagesByParent(this.identity, parent, query, keys),
    );
  }

  /** The totals of a batch of parents, for one filter. */
  countOf(parent: TParent, filter: TFilter | undefined): DataLoader<string, number> {
    return this.registry.get(`${this.listName}-count-of-${parent}`, filter, (keys) =>
      this.source.countsByParent(this.identity, parent, filter, keys),
    );
  }

  /** One parent's list as a connection: its page batched with its siblings', its total counted only if selected. */
  async connectionOf(parent: TParent, parentKey: string, query: ListQuery<TFilter, TOrder>): Promise<Connection<T>> {
    const page = await this.pageOf(parent, query).load(parentKey);
    return toConnection(page, () => this.countOf(parent, query.filter).load(parentKey));
  }
}
