import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

import type { EntityName } from '@mikro-orm/core';
import type { EntityManager, Knex } from '@mikro-orm/postgresql';

import { BadUserInputError } from '../errors';

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

function splitRow(row: RawRow, keyCount: number): { columns: RawRow; keys: string[]; parent?: string } {
  const columns: RawRow = {};
  const keys: string[] = [];
  let parent: string | undefined;
  for (const [column, value] of Object.entries(row)) {
    const keyMatch = /^__k(\d+)$/.exec(column);
    if (keyMatch) keys[Number(keyMatch[1])] = String(value);
    else if (column === '__parent') parent = String(value);
    else if (column !== '__rn') columns[column] = value;
  }
  return { columns, keys: keys.slice(0, keyCount), parent };
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
}

export interface FetchedPage<T> {
  edges: Edge<T>[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

function toEdges<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  rows: RawRow[],
  spec: Pick<PageSpec, 'sort' | 'signature'>,
): Array<Edge<T> & { parent?: string }> {
  const key = cursorKeyOf(em);
  return rows.map((row) => {
    const { columns, keys, parent } = splitRow(row, spec.sort.length);
    return { node: em.map(entity, columns as never) as T, cursor: encodeCursor(key, spec.signature, keys), parent };
  });
}

/** One page of a top-level list in one statement: keyset from the cursor, one extra row to know if more follow. */
export async function fetchPage<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  spec: PageSpec,
): Promise<FetchedPage<T>> {
  assertPageSize(spec.first);
  const knex = em.getKnex();
  const query = spec.from(knex).select(knex.raw(`${spec.alias}.*, ${keyColumns(spec.sort)}`));
  const after = decodeCursor(cursorKeyOf(em), spec.signature, spec.after, spec.sort.length);
  if (after) {
    const condition = keysetCondition(spec.sort, after);
    query.whereRaw(condition.sql, condition.bindings);
  }
  query.orderByRaw(orderClause(spec.sort)).limit(spec.first + 1);
  const rows = (await query) as RawRow[];
  const edges = toEdges(em, entity, rows.slice(0, spec.first), spec);
  return { edges, hasNextPage: rows.length > spec.first, hasPreviousPage: after !== null };
}

/**
 * The first page of a nested list for many parents at once (for example the policies of 100 cities) in one
 * statement, ranking rows per parent with a window function.
 */
export async function fetchPagesByParent<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  spec: PageSpec & { parentColumn: string },
  parentIds: readonly string[],
): Promise<Map<string, FetchedPage<T>>> {
  assertPageSize(spec.first);
  const knex = em.getKnex();
  const inner = spec
    .from(knex)
    .select(
      knex.raw(
        `${spec.alias}.*, ${keyColumns(spec.sort)}, (${spec.parentColumn})::text as __parent, ` +
          `row_number() over (partition by ${spec.parentColumn} order by ${orderClause(spec.sort)}) as __rn`,
      ),
    )
    .whereRaw(`${spec.parentColumn} = any(?)`, [parentIds as string[]]);
  const after = decodeCursor(cursorKeyOf(em), spec.signature, spec.after, spec.sort.length);
  if (after) {
    const condition = keysetCondition(spec.sort, after);
    inner.whereRaw(condition.sql, condition.bindings);
  }
  const rows = (await knex
    .select('*')
    .from(inner.as('ranked'))
    .where('__rn', '<=', spec.first + 1)
    .orderBy([{ column: '__parent' }, { column: '__rn' }])) as RawRow[];
  const pages = new Map<string, FetchedPage<T>>(
    parentIds.map((id) => [id, { edges: [], hasNextPage: false, hasPreviousPage: after !== null }]),
  );
  for (const edge of toEdges(em, entity, rows, spec)) {
    const page = pages.get(edge.parent!);
    if (!page) continue;
    if (page.edges.length < spec.first) page.edges.push({ node: edge.node, cursor: edge.cursor });
    else page.hasNextPage = true;
  }
  return pages;
}

/** Counts per parent in one grouped statement. */
export async function countByParent(
  em: EntityManager,
  from: (knex: Knex) => Knex.QueryBuilder,
  parentColumn: string,
  parentIds: readonly string[],
): Promise<Map<string, number>> {
  const knex = em.getKnex();
  const rows = (await from(knex)
    .select(knex.raw(`(${parentColumn})::text as parent, count(*)::int as total`))
    .whereRaw(`${parentColumn} = any(?)`, [parentIds as string[]])
    .groupByRaw(parentColumn)) as Array<{ parent: string; total: number }>;
  const totals = new Map(parentIds.map((id) => [id, 0]));
  for (const row of rows) totals.set(row.parent, row.total);
  return totals;
}

export async function countAll(em: EntityManager, from: (knex: Knex) => Knex.QueryBuilder): Promise<number> {
  const knex = em.getKnex();
  const [row] = (await from(knex).select(knex.raw('count(*)::int as total'))) as Array<{ total: number }>;
  return row?.total ?? 0;
}
