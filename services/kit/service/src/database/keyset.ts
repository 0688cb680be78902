import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

import { ReferenceKind, type EntityMetadata, type EntityName } from '@mikro-orm/core';
import type { EntityManager, Knex } from '@mikro-orm/postgresql';

import { BadUserInputError } from '../errors';
import { preparedStatement } from './prepared-statements';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface Edge<T> {
  node: T;
  cursor: string;
}

export interface SortKey {
  /** A SQL expression over the query's table alias; the last key must be unique (the id). */
  sql: string;
  direction: 'asc' | 'desc';
}

/**
 * The sort keys of a keyset order: every expression in one direction (a row comparison can only continue such an
 * order), the last one unique (the id) so the order is total: `keysetOrder('desc', 'p.updated_at', 'p.id')`.
 */
export function keysetOrder(direction: SortKey['direction'], ...expressions: string[]): SortKey[] {
  return expressions.map((sql) => ({ sql, direction }));
}

/** A stable digest of what a query asks for, so a cursor only continues the query that made it. */
export function querySignature(name: string, shape: unknown): string {
  return createHash('sha256')
    .update(name)
    .update(JSON.stringify(shape ?? null))
    .digest('base64url')
    .slice(0, 16);
}

/**
 * The key cursors are authenticated with, per database (an ORM's configuration): set once when the database opens.
 * A cursor's keys go into SQL as bindings, so an unauthenticated cursor let a caller choose them (a forged key of the
 * wrong type was an internal error); with a MAC only a cursor this service issued, for this query, is accepted.
 */
const cursorKeys = new WeakMap<object, Buffer>();

export function registerCursorKey(em: { config: object }, secret: string): void {
  cursorKeys.set(em.config, createHmac('sha256', secret).update('hub-cursor-v1').digest());
}

export function cursorKeyOf(em: { config: object }): Buffer {
  const key = cursorKeys.get(em.config);
  if (!key) throw new Error('No cursor key: open the database with openDatabase, which registers one');
  return key;
}

function cursorMac(key: Buffer, signature: string, keys: string[]): Buffer {
  return createHmac('sha256', key).update(signature).update('\n').update(JSON.stringify(keys)).digest().subarray(0, 18);
}

export function encodeCursor(key: Buffer, signature: string, keys: string[]): string {
  const mac = cursorMac(key, signature, keys).toString('base64url');
  return Buffer.from(JSON.stringify({ k: keys, m: mac })).toString('base64url');
}

export function decodeCursor(
  key: Buffer,
  signature: string,
  cursor: string | null | undefined,
  keyCount: number,
): string[] | null {
  if (cursor === null || cursor === undefined) return null;
  let decoded: { k?: unknown; m?: unknown };
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as typeof decoded;
  } catch {
    throw new BadUserInputError('after', 'is not a cursor issued by this API');
  }
  const keys = decoded?.k;
  if (
    !Array.isArray(keys) ||
    keys.length !== keyCount ||
    !keys.every((k) => typeof k === 'string') ||
    typeof decoded.m !== 'string'
  ) {
    throw new BadUserInputError('after', 'is not a cursor issued by this API');
  }
  const given = Buffer.from(decoded.m, 'base64url');
  const expected = cursorMac(key, signature, keys as string[]);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new BadUserInputError(
      'after',
      "is not a cursor this API issued for this query; use a cursor from this query's pageInfo",
    );
  }
  return keys as string[];
}

export function assertPageSize(first: number): void {
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError('first', `must be between 0 and ${MAX_PAGE_SIZE}`);
  }
}

/** Keyset pagination needs every sort key in one direction so a row comparison can continue the order. */
function keysetCondition(sort: SortKey[], values: string[]): { sql: string; bindings: string[] } {
  const direction = sort[0]!.direction;
  if (sort.some((key) => key.direction !== direction)) throw new Error('sort keys must share one direction');
  const left = sort.map((key) => `(${key.sql})`).join(', ');
  const placeholders = sort.map(() => '?').join(', ');
  return { sql: `(${left}) ${direction === 'asc' ? '>' : '<'} (${placeholders})`, bindings: values };
}

function orderClause(sort: SortKey[]): string {
  return sort.map((key) => `${key.sql} ${key.direction}`).join(', ');
}

function keyColumns(sort: SortKey[]): string {
  return sort.map((key, index) => `(${key.sql})::text as __k${index}`).join(', ');
}

type RawRow = Record<string, unknown>;

/**
 * The columns the keyset queries add to a row: the sort keys as text (`__k0`…), the parent, the rank, the total and
 * the parent a total belongs to (`__counted_parent`, on every row of a nested page with its totals).
 */
const KEY_COLUMN = /^__k(\d+)$/;
const BOOKKEEPING_COLUMNS = new Set(['__rn', '__total', '__counted_parent']);

function splitRow(row: RawRow, keyCount: number): { columns: RawRow; keys: string[]; parent?: string } {
  const columns: RawRow = {};
  const keys: string[] = new Array<string>(keyCount);
  let parent: string | undefined;
  for (const column in row) {
    const value = row[column];
    if (column.charCodeAt(0) !== 95 || column.charCodeAt(1) !== 95) columns[column] = value;
    else if (column === '__parent') parent = String(value);
    else {
      const keyMatch = KEY_COLUMN.exec(column);
      if (keyMatch) keys[Number(keyMatch[1])] = String(value);
      else if (!BOOKKEEPING_COLUMNS.has(column)) columns[column] = value;
    }
  }
  return { columns, keys, parent };
}

/**
 * The prototype of read-only instances: the entity's own, with every property shadowed by a plain writable one.
 * MikroORM puts a setter for each tracked property on the entity's prototype, which on first write gives the instance
 * its change-tracking wrapper; assignments stop at the shadow, so an instance gets plain own properties, keeps the
 * class's getters and methods, and is still `instanceof` the entity.
 */
const readOnlyPrototypes = new WeakMap<object, object>();

/** Whether the nearest definition of `name` up the prototype chain is a setter with no getter (MikroORM's). */
function setterOnly(prototype: object | null, name: string): boolean {
  for (let current = prototype; current && current !== Object.prototype; current = Object.getPrototypeOf(current)) {
    const descriptor = Object.getOwnPropertyDescriptor(current, name);
    if (descriptor) return descriptor.set !== undefined && descriptor.get === undefined;
  }
  return false;
}

function readOnlyPrototypeOf(metadata: { class: { prototype: object }; properties: object }): object {
  const entityPrototype = metadata.class.prototype;
  let prototype = readOnlyPrototypes.get(entityPrototype);
  if (!prototype) {
    const shadows: PropertyDescriptorMap = {};
    for (const name of Object.keys(metadata.properties)) {
      if (setterOnly(entityPrototype, name)) {
        shadows[name] = { value: undefined, writable: true, enumerable: false, configurable: true };
      }
    }
    prototype = Object.create(entityPrototype, shadows) as object;
    readOnlyPrototypes.set(entityPrototype, prototype);
  }
  return prototype;
}

/**
 * Rows of an entity's table as instances of its class for reading only: hydrated as MikroORM hydrates (column names,
 * custom types, embeddables), but outside the identity map and change tracking, which a read that writes nothing
 * does not need and which cost more than the read itself on a page of 50. Never persist or flush one.
 */
export function readOnlyEntities<T extends object>(em: EntityManager, entity: EntityName<T>, rows: RawRow[]): T[] {
  const metadata = em.getMetadata().find<T>(entity);
  if (!metadata) throw new Error(`No metadata for ${String(entity)}`);
  const driver = em.getDriver();
  const factory = em.getEntityFactory();
  const hydrator = em.config.getHydrator(em.getMetadata());
  const prototype = readOnlyPrototypeOf(metadata);
  return rows.map((row) => {
    const data = driver.mapResult(row as never, metadata) as never;
    const instance = Object.create(prototype) as T;
    hydrator.hydrate(instance, metadata, data, factory, 'full', false, true);
    return instance;
  });
}

/** Per entity, the columns a page names (see recordColumns). */
const recordColumnNames = new WeakMap<object, string[]>();

/** Whether a property is stored in a column of the entity's own table that a read hydrates. */
function readColumnProperty(property: EntityMetadata['props'][number]): boolean {
  if (property.lazy || property.persist === false || property.formula || !property.fieldNames?.length) return false;
  if (property.kind === ReferenceKind.SCALAR || property.kind === ReferenceKind.MANY_TO_ONE) return true;
  if (property.kind === ReferenceKind.ONE_TO_ONE) return property.owner === true;
  // An embeddable kept as one JSON column; an inline one's columns are its own properties.
  return property.kind === ReferenceKind.EMBEDDED && property.object === true;
}

/**
 * What a page selects of its records: their columns by name, not `alias.*`. A lazy property (a search vector, read
 * only by the search's own SQL) is left out, so PostgreSQL never renders it, nor the driver parses it, for every row
 * of every page; and a nested page, a prepared statement, keeps its result columns when a migration adds a column.
 */
function recordColumns<T extends object>(em: EntityManager, entity: EntityName<T>, alias: string): string {
  const metadata = em.getMetadata().find<T>(entity);
  if (!metadata) throw new Error(`No metadata for ${String(entity)}`);
  let names = recordColumnNames.get(metadata);
  if (names === undefined) {
    names = [...new Set(metadata.props.filter(readColumnProperty).flatMap((p) => p.fieldNames))];
    recordColumnNames.set(metadata, names);
  }
  return names.map((column) => `${alias}."${column}"`).join(', ');
}

/** An edge whose cursor is encoded only when a caller reads it: most queries select nodes, not cursors. */
class KeysetEdge<T> implements Edge<T> {
  constructor(
    readonly node: T,
    private readonly key: Buffer,
    private readonly signature: string,
    private readonly keys: string[],
  ) {}

  get cursor(): string {
    return encodeCursor(this.key, this.signature, this.keys);
  }
}

export interface PageSpec {
  /** Table alias used by `from` and the sort keys. */
  alias: string;
  /** A query builder with from, joins and filters applied, and no order or limit. */
  from: (knex: Knex) => Knex.QueryBuilder;
  sort: SortKey[];
  signature: string;
  first: number;
  after?: string | null;
  /**
   * Count the matches in the page's own statement (`count(*) over ()`), for orders that read every match anyway, such
   * as full-text ranking: the total then costs no second scan. Only a first page can count this way.
   */
  countInPage?: boolean;
  /**
   * The caller reads the total: count the matches in the page's own statement, in a subquery that reads the
   * indexes a separate count would, saving that statement's round trip and planning.
   */
  withTotal?: boolean;
}

export interface FetchedPage<T> {
  edges: Edge<T>[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  /** How many records match, when the page's statement counted them (`PageSpec.countInPage`, `PageSpec.withTotal`). */
  totalCount?: number;
}

function toEdges<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  rows: RawRow[],
  spec: Pick<PageSpec, 'sort' | 'signature'>,
): Array<{ edge: Edge<T>; parent?: string }> {
  const key = cursorKeyOf(em);
  const split = rows.map((row) => splitRow(row, spec.sort.length));
  const nodes = readOnlyEntities(
    em,
    entity,
    split.map(({ columns }) => columns),
  );
  return split.map(({ keys, parent }, index) => ({
    edge: new KeysetEdge(nodes[index]!, key, spec.signature, keys),
    parent,
  }));
}

/** One page of a top-level list in one statement: keyset from the cursor, one extra row to know if more follow. */
export async function fetchPage<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  spec: PageSpec,
): Promise<FetchedPage<T>> {
  assertPageSize(spec.first);
  const knex = em.getKnex();
  const after = decodeCursor(cursorKeyOf(em), spec.signature, spec.after, spec.sort.length);
  const counted = spec.countInPage === true && after === null;
  const query = spec
    .from(knex)
    .select(
      knex.raw(
        `${recordColumns(em, entity, spec.alias)}, ${keyColumns(spec.sort)}${counted ? ', count(*) over () as __total' : ''}`,
      ),
    );
  if (!counted && spec.withTotal) query.select(totalSubquery(knex, spec.from(knex)));
  if (after) {
    const condition = keysetCondition(spec.sort, after);
    query.whereRaw(condition.sql, condition.bindings);
  }
  query.orderByRaw(orderClause(spec.sort)).limit(spec.first + 1);
  const rows = (await query) as RawRow[];
  const edges = toEdges(em, entity, rows.slice(0, spec.first), spec).map(({ edge }) => edge);
  const page: FetchedPage<T> = { edges, hasNextPage: rows.length > spec.first, hasPreviousPage: after !== null };
  if (counted || spec.withTotal) page.totalCount = totalOfPage(rows, after);
  return page;
}

/** `(select count(*) from …) as __total`: the matches of a page's FROM, whatever the cursor, counted once. */
function totalSubquery(knex: Knex, matching: Knex.QueryBuilder): Knex.Raw {
  return knex.raw('(?) as __total', [matching.select(knex.raw('count(*)::int'))]);
}

/**
 * The total a page's rows carry. No row means no count: the total is then zero only if nothing matches at all, which
 * an empty first page shows; after an empty later page it is unknown, and counted apart.
 */
function totalOfPage(rows: RawRow[], after: string[] | null): number | undefined {
  if (rows.length > 0) return Number(rows[0]!.__total);
  return after === null ? 0 : undefined;
}

/**
 * How a parent's rows are matched, given the SQL of one parent key (a text expression): for example
 * `p.city_id = <key>::uuid`. A plain equality on an indexed column lets every parent's rows come from an index.
 */
export type ParentMatch = (key: string) => string;

/** A parent column of uuids, the common case: the key is cast once, so the column's index applies. */
export function uuidParentMatch(parentColumn: string): ParentMatch {
  return (key) => `${parentColumn} = (${key})::uuid`;
}

/** One parent's match, its key a bound parameter (as often as the match names it). */
function matchOne(match: ParentMatch, key: string): { sql: string; bindings: string[] } {
  const sql = match('?::text');
  return { sql, bindings: Array.from(sql.matchAll(/\?/g), () => key) };
}

/** The parents as a relation, in the order asked for: `par(key, ord)`. */
const PARENTS = 'unnest(?::text[]) with ordinality as par(key, ord)';

/**
 * A page of a nested list for many parents at once (for example the policies of 100 cities) in one
 * statement: for each parent, `cross join lateral (… order by … limit n)`, so that every parent's page is read from
 * an index on (parent, sort keys) and stops after n rows, whatever the table's size. One parent gets the plain
 * indexed query, which plans faster. With `withTotal`, each parent's total comes in the same statement, from the
 * lateral count `countByParent` would run.
 */
export async function fetchPagesByParent<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  spec: PageSpec & { parentColumn: string; parentMatch?: ParentMatch },
  parentIds: readonly string[],
): Promise<Map<string, FetchedPage<T>>> {
  assertPageSize(spec.first);
  const knex = em.getKnex();
  const match = spec.parentMatch ?? uuidParentMatch(spec.parentColumn);
  const after = decodeCursor(cursorKeyOf(em), spec.signature, spec.after, spec.sort.length);
  const single = parentIds.length === 1;
  const inner = spec.from(knex);
  if (single) {
    const one = matchOne(match, parentIds[0]!);
    inner
      .select(
        knex.raw(`${recordColumns(em, entity, spec.alias)}, ${keyColumns(spec.sort)}, ?::text as __parent`, [
          parentIds[0],
        ]),
      )
      .whereRaw(one.sql, one.bindings);
    if (spec.withTotal) inner.select(totalSubquery(knex, spec.from(knex).whereRaw(one.sql, one.bindings)));
  } else {
    inner
      .select(
        knex.raw(
          `${recordColumns(em, entity, spec.alias)}, ${keyColumns(spec.sort)}, par.key as __parent, ` +
            `row_number() over (order by ${orderClause(spec.sort)}) as __rn`,
        ),
      )
      .whereRaw(match('par.key'));
  }
  if (after) {
    const condition = keysetCondition(spec.sort, after);
    inner.whereRaw(condition.sql, condition.bindings);
  }
  inner.orderByRaw(orderClause(spec.sort)).limit(spec.first + 1);
  const rows = (await preparedStatement(
    single ? inner : pagesOfEveryParent(knex, spec, match, parentIds, inner),
  )) as RawRow[];
  const pages = new Map<string, FetchedPage<T>>(
    parentIds.map((id) => [id, { edges: [], hasNextPage: false, hasPreviousPage: after !== null }]),
  );
  if (spec.withTotal) {
    if (single) pages.get(parentIds[0]!)!.totalCount = totalOfPage(rows, after);
    else for (const row of rows) pages.get(String(row.__counted_parent))!.totalCount = Number(row.__total);
  }
  // A parent with no row in its page still has its total's row (a left join), with no record in it.
  const recordRows = single || !spec.withTotal ? rows : rows.filter((row) => row.__parent !== null);
  for (const { edge, parent } of toEdges(em, entity, recordRows, spec)) {
    const page = pages.get(parent!);
    if (!page) continue;
    if (page.edges.length < spec.first) page.edges.push(edge);
    else page.hasNextPage = true;
  }
  return pages;
}

/** Every parent's page, and with `withTotal` every parent's total beside it, in parent order. */
function pagesOfEveryParent(
  knex: Knex,
  spec: PageSpec,
  match: ParentMatch,
  parentIds: readonly string[],
  page: Knex.QueryBuilder,
): Knex.QueryBuilder {
  if (!spec.withTotal) {
    return knex
      .select('page.*')
      .from(knex.raw(`${PARENTS} cross join lateral ? as page`, [parentIds as string[], page]))
      .orderByRaw('par.ord, page.__rn');
  }
  const counted = spec.from(knex).select(knex.raw('count(*)::int as __total')).whereRaw(match('par.key'));
  return knex
    .select(knex.raw('page.*, par.key as __counted_parent, counted.__total'))
    .from(
      knex.raw(`${PARENTS} cross join lateral ? as counted left join lateral ? as page on true`, [
        parentIds as string[],
        counted,
        page,
      ]),
    )
    .orderByRaw('par.ord, page.__rn');
}

/**
 * Counts per parent in one statement: a lateral count per parent, so each is read from the parent's index entries
 * rather than by grouping every matching row of the table. One parent gets a plain count.
 */
export async function countByParent(
  em: EntityManager,
  from: (knex: Knex) => Knex.QueryBuilder,
  parentColumn: string,
  parentIds: readonly string[],
  parentMatch: ParentMatch = uuidParentMatch(parentColumn),
): Promise<Map<string, number>> {
  const knex = em.getKnex();
  const totals = new Map(parentIds.map((id) => [id, 0]));
  if (parentIds.length === 1) {
    const one = matchOne(parentMatch, parentIds[0]!);
    const [row] = (await preparedStatement(
      from(knex).select(knex.raw('count(*)::int as total')).whereRaw(one.sql, one.bindings),
    )) as Array<{ total: number }>;
    totals.set(parentIds[0]!, row?.total ?? 0);
    return totals;
  }
  const counted = from(knex).select(knex.raw('count(*)::int as total')).whereRaw(parentMatch('par.key'));
  const rows = (await preparedStatement(
    knex
      .select(knex.raw('par.key as parent, counted.total'))
      .from(knex.raw(`${PARENTS} cross join lateral ? as counted`, [parentIds as string[], counted])),
  )) as Array<{ parent: string; total: number }>;
  for (const row of rows) totals.set(row.parent, row.total);
  return totals;
}

export async function countAll(em: EntityManager, from: (knex: Knex) => Knex.QueryBuilder): Promise<number> {
  const knex = em.getKnex();
  const [row] = (await from(knex).select(knex.raw('count(*)::int as total'))) as Array<{ total: number }>;
  return row?.total ?? 0;
}
