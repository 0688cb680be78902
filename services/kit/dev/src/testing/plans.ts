import type { MikroORM } from '@mikro-orm/postgresql';

import { PREPARED_STATEMENT_OPTION, type Identity, type ListQuery } from '@hrc/service-kit';

/** A statement as the code sent it to the driver: its SQL (with $1 placeholders) and its bindings. */
export interface CapturedStatement {
  sql: string;
  bindings: readonly unknown[];
  /** Marked by `preparedStatement`: sent named, so PostgreSQL may run it with a generic plan after a few runs. */
  prepared?: boolean;
}

/** Every statement `work` sends, with its bindings, so a test can EXPLAIN what the code really runs. */
export async function captureStatements<T>(
  orm: MikroORM,
  work: () => Promise<T>,
): Promise<{ result: T; statements: CapturedStatement[] }> {
  const knex = orm.em.getKnex();
  const statements: CapturedStatement[] = [];
  const listener = (query: { sql: string; bindings?: unknown[]; options?: Record<string, unknown> }) =>
    statements.push({
      sql: query.sql,
      bindings: query.bindings ?? [],
      prepared: query.options?.[PREPARED_STATEMENT_OPTION] === true,
    });
  knex.on('query', listener);
  try {
    const result = await work();
    return { result, statements };
  } finally {
    knex.off('query', listener);
  }
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Schema?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  'Plan Rows': number;
  Plans?: PlanNode[];
}

/** Every node of a plan, each with whether a Limit above it stops it early. */
function nodesOf(plan: PlanNode, limited = false): Array<{ node: PlanNode; limited: boolean }> {
  const below = limited || plan['Node Type'] === 'Limit';
  return [{ node: plan, limited }, ...(plan.Plans ?? []).flatMap((child) => nodesOf(child, below))];
}

const SCANS = new Set(['Seq Scan', 'Index Scan', 'Index Only Scan', 'Bitmap Heap Scan']);

/** What `wholeTableWork` looks for; a table counts as large from `largeTable` rows. */
export interface PlanLimits {
  /** Rows (pg_class.reltuples) from which a table is too large to read whole; default 5,000. */
  largeTable?: number;
  /** Estimated rows from which a Sort is a sort of the table rather than of a page; default 1,000. */
  largeSort?: number;
  /** The share of a large table that a scan may not return, even through an index; default a quarter. */
  largeShare?: number;
  /**
   * Whether an index scan with no condition is allowed: a top-level page reads its sort index in order and stops at
   * the page's end, while a nested page or a count must reach its parent's rows by an index condition.
   */
  orderedIndexScans?: boolean;
  /**
   * Whether a large table's rows must come from an index alone (an Index Only Scan): a count per parent reads only
   * index entries, so a parent with thousands of rows costs a walk of its index range, not a visit to each row.
   * Needs `VACUUM ANALYZE` first, so the planner knows the table's pages are all visible.
   */
  indexOnly?: boolean;
}

type Explained = { rows: Array<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }> };
interface PlanClient {
  query(sql: string, values?: readonly unknown[]): Promise<Explained>;
  escapeLiteral(text: string): string;
}

/** A bound value as a quoted literal, of no type until PostgreSQL reads it as its parameter's type. */
function literalOf(client: PlanClient, value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return client.escapeLiteral(value.toISOString());
  if (Array.isArray(value)) {
    const items = value.map((item) => (item === null ? 'NULL' : `"${String(item).replace(/["\\]/g, '\\$&')}"`));
    return client.escapeLiteral(`{${items.join(',')}}`);
  }
  return client.escapeLiteral(typeof value === 'object' ? JSON.stringify(value) : String(value));
}

/**
 * The statement's plan as the driver would have it run ($1 placeholders, sent on the same pool), and for a prepared
 * statement also its generic plan: the one PostgreSQL may keep after a few runs, made for any value of the parameters.
 */
async function plansOf(orm: MikroORM, statement: CapturedStatement): Promise<Array<{ label: string; plan: PlanNode }>> {
  const knex = orm.em.getKnex();
  const client = (await knex.client.acquireConnection()) as PlanClient;
  const planOf = (explained: Explained) => explained.rows[0]!['QUERY PLAN'][0]!.Plan;
  try {
    const plans = [
      {
        label: '',
        plan: planOf(await client.query(`explain (format json, verbose) ${statement.sql}`, statement.bindings)),
      },
    ];
    if (statement.prepared) {
      // The session's plan mode and its one prepared statement are undone whatever fails: the connection goes back
      // to the pool the code under test uses.
      await client.query('set plan_cache_mode = force_generic_plan');
      try {
        await client.query(`prepare plan_check as ${statement.sql}`);
        try {
          // EXECUTE takes its arguments as literals: a utility statement has no parameters of its own.
          const values = statement.bindings.map((value) => literalOf(client, value)).join(', ');
          const generic = await client.query(
            `explain (format json, verbose) execute plan_check${values ? `(${values})` : ''}`,
          );
          plans.push({ label: 'generic plan: ', plan: planOf(generic) });
        } finally {
          await client.query('deallocate plan_check');
        }
      } finally {
        await client.query('reset plan_cache_mode');
      }
    }
    return plans;
  } finally {
    await knex.client.releaseConnection(client);
  }
}

/** The indexes a statement's plan reads (and, for a prepared statement, its generic plan's), by name. */
export async function indexesRead(orm: MikroORM, statement: CapturedStatement): Promise<string[]> {
  const names = new Set<string>();
  for (const { plan } of await plansOf(orm, statement)) {
    for (const { node } of nodesOf(plan)) if (node['Index Name']) names.add(node['Index Name']);
  }
  return [...names].sort();
}

/**
 * The parts of a statement's plan (`EXPLAIN (FORMAT JSON)`, not executed) that read or sort a large table whole: a
 * Seq Scan of it, an index scan of it with no index condition, a scan estimated to return a large share of it (a
 * batch of parents read whole, then cut to pages), or a Sort of many rows. Empty when every large table
 * is reached through an index condition. A prepared statement's generic plan is checked too. Run ANALYZE first, so
 * the planner sees the tables' real sizes.
 */
export async function wholeTableWork(
  orm: MikroORM,
  statement: CapturedStatement,
  limits: PlanLimits = {},
): Promise<string[]> {
  const problems: string[] = [];
  for (const { label, plan } of await plansOf(orm, statement)) {
    for (const problem of await planProblems(orm, plan, limits)) problems.push(`${label}${problem}`);
  }
  return problems;
}

async function planProblems(orm: MikroORM, plan: PlanNode, limits: PlanLimits): Promise<string[]> {
  const largeTable = limits.largeTable ?? 5_000;
  const largeSort = limits.largeSort ?? 1_000;
  const largeShare = limits.largeShare ?? 0.25;
  const knex = orm.em.getKnex();
  const nodes = nodesOf(plan);
  const sizes = new Map<string, number>();
  const sizeOf = async (node: PlanNode): Promise<number> => {
    const name = `${node.Schema ?? 'public'}.${node['Relation Name']}`;
    if (!sizes.has(name)) {
      const result = (await knex.raw('select reltuples::float8 as rows from pg_class where oid = ?::regclass', [
        `"${node.Schema ?? 'public'}"."${node['Relation Name']}"`,
      ])) as { rows: Array<{ rows: number }> };
      sizes.set(name, result.rows[0]?.rows ?? 0);
    }
    return sizes.get(name)!;
  };
  const problems: string[] = [];
  for (const { node, limited } of nodes) {
    const type = node['Node Type'];
    if (type === 'Sort' && node['Plan Rows'] >= largeSort) {
      problems.push(`Sort of ~${node['Plan Rows']} rows`);
    }
    if (!node['Relation Name'] || !SCANS.has(type)) continue;
    const rows = await sizeOf(node);
    if (rows < largeTable) continue;
    const relation = `${node.Schema}.${node['Relation Name']}`;
    // A top-level page reads its sort index in order and stops at the page's end.
    if (limits.orderedIndexScans && limited && type !== 'Seq Scan') continue;
    const unconditioned = (type === 'Index Scan' || type === 'Index Only Scan') && !node['Index Cond'];
    if (limits.indexOnly && type !== 'Index Only Scan') {
      problems.push(`${type} of ${relation} reads its rows, not only an index`);
    } else if (type === 'Seq Scan' || unconditioned) {
      problems.push(`${type} of ${relation}${unconditioned ? ` (${node['Index Name']}, no condition)` : ''}`);
    } else if (node['Plan Rows'] >= rows * largeShare) {
      problems.push(`${type} of ~${node['Plan Rows']} of the ${rows} rows of ${relation}`);
    }
  }
  return problems;
}

/**
 * Runs `work`, EXPLAINs every statement it sent and returns what reads or sorts a large table whole, each with its
 * statement: a test expects none.
 */
export async function wholeTableWorkOf(
  orm: MikroORM,
  work: () => Promise<unknown>,
  limits: PlanLimits = {},
): Promise<string[]> {
  const { statements } = await captureStatements(orm, work);
  if (statements.length === 0) return ['no statement was sent'];
  const problems: string[] = [];
  for (const statement of statements) {
    for (const problem of await wholeTableWork(orm, statement, limits))
      problems.push(`${problem} in: ${statement.sql}`);
  }
  return problems;
}

/** The nested-list side of a `ListingRepository`: pages and totals for a batch of parents. */
export interface NestedListRepository<TParent extends string> {
  pagesByParent(
    identity: Identity,
    parent: TParent,
    query: ListQuery<never, never>,
    parentKeys: readonly string[],
  ): Promise<Map<string, { edges: Array<{ cursor: string }> }>>;
  countsByParent(
    identity: Identity,
    parent: TParent,
    filter: never,
    parentKeys: readonly string[],
  ): Promise<Map<string, number>>;
}

/**
 * What the statements of a nested list read or sort whole: its first pages, its pages after a cursor and its totals,
 * apart and in one statement with the pages (`withTotal`), for a batch of parents and for one parent, for each
 * identity, filter and order given. A test expects none.
 */
export async function nestedListWholeTableWork<TParent extends string>(
  orm: MikroORM,
  repository: NestedListRepository<TParent>,
  parent: TParent,
  keys: readonly string[],
  options: {
    identities: Identity[];
    filters?: unknown[];
    orders?: unknown[];
    limits?: PlanLimits;
    /** Whether a count without a filter must read only an index (see `PlanLimits.indexOnly`). */
    indexOnlyCounts?: boolean;
  },
): Promise<string[]> {
  if (keys.length < 2) return [`only ${keys.length} ${parent} keys to try`];
  const problems: string[] = [];
  for (const identity of options.identities) {
    for (const filter of options.filters ?? [undefined]) {
      for (const order of options.orders ?? [undefined]) {
        const query = { filter, order, first: 3 } as ListQuery<never, never>;
        const pages = await repository.pagesByParent(identity, parent, query, keys);
        const after = [...pages.values()].find((page) => page.edges.length > 0)?.edges[0]?.cursor;
        const works = [
          () => repository.pagesByParent(identity, parent, query, keys),
          () => repository.pagesByParent(identity, parent, query, keys.slice(0, 1)),
          () => repository.countsByParent(identity, parent, filter as never, keys),
          () => repository.countsByParent(identity, parent, filter as never, keys.slice(0, 1)),
          () => repository.pagesByParent(identity, parent, { ...query, withTotal: true }, keys),
          () => repository.pagesByParent(identity, parent, { ...query, withTotal: true }, keys.slice(0, 1)),
        ];
        if (after) {
          works.push(() => repository.pagesByParent(identity, parent, { ...query, after }, keys));
          works.push(() => repository.pagesByParent(identity, parent, { ...query, after, withTotal: true }, keys));
        }
        for (const work of works) problems.push(...(await wholeTableWorkOf(orm, work, options.limits)));
        if (options.indexOnlyCounts && filter === undefined) {
          for (const batch of [keys, keys.slice(0, 1)]) {
            const count = () => repository.countsByParent(identity, parent, filter as never, batch);
            problems.push(...(await wholeTableWorkOf(orm, count, { ...options.limits, indexOnly: true })));
          }
        }
      }
    }
  }
  return problems;
}
