import { createHash } from 'node:crypto';

import type { MikroORM } from '@mikro-orm/postgresql';
import type { Knex } from 'knex';

/** The knex query option that marks a statement to run prepared; replaced by the statement's name before it is sent. */
export const PREPARED_STATEMENT_OPTION = 'preparedStatement';

/**
 * Marks a read that runs again and again with new values (a nested page, a per-parent count, a per-parent aggregate)
 * to be sent as a named prepared statement: PostgreSQL then parses it once per connection and, after a few runs,
 * keeps a plan for it, where an unnamed statement is parsed and planned on every call (0.2 to 1 ms of PostgreSQL's
 * CPU each, a fifth of its CPU under 20 cities with nested lists). A marked read must name its columns rather than
 * select `alias.*`: a prepared statement whose result columns change (a migration adding a column) fails instead of
 * being planned again.
 */
export function preparedStatement<Q extends Knex.QueryBuilder>(query: Q): Q {
  return query.options({ [PREPARED_STATEMENT_OPTION]: true }) as Q;
}

/** The name of a prepared statement: the same text always gets the same name, and two texts never share one. */
export function preparedStatementName(sql: string): string {
  return `hrc_${createHash('sha1').update(sql).digest('hex')}`;
}

/**
 * How many texts a process prepares at most. A prepared statement stays on its connection (with its plan, tens of
 * kilobytes in PostgreSQL) for the connection's life, and callers choose which filters and orders a nested list
 * uses, so the texts they can make are many: past this many, a new text runs unnamed, as every statement did before.
 */
export const MAX_PREPARED_TEXTS = 64;

/** The names given out so far: the first `limit` texts are prepared, any later text is not. */
export class PreparedStatementNames {
  private readonly names = new Set<string>();

  constructor(private readonly limit: number = MAX_PREPARED_TEXTS) {}

  /** The text's name, or undefined once `limit` other texts have names. */
  nameOf(sql: string): string | undefined {
    const name = preparedStatementName(sql);
    if (this.names.has(name)) return name;
    if (this.names.size >= this.limit) return undefined;
    this.names.add(name);
    return name;
  }
}

interface QueryObject {
  sql: string;
  options?: Record<string, unknown>;
}
interface KnexClientInternals {
  _query(connection: unknown, query: QueryObject): Promise<QueryObject>;
  __preparedStatements?: boolean;
}

/**
 * Sends every statement marked by `preparedStatement` with a name, up to MAX_PREPARED_TEXTS texts (knex passes a
 * query's options on to the pg driver, which prepares a named statement once per connection). Patches `_query` of the knex dialect's prototype,
 * the one place every statement passes, as `guardQueriesByRequestScope` does (knex is pinned).
 */
export function prepareMarkedStatements(orm: MikroORM): void {
  const dialect = Object.getPrototypeOf(orm.em.getKnex().client) as KnexClientInternals;
  if (dialect.__preparedStatements) return;
  dialect.__preparedStatements = true;
  const send = dialect._query;
  const names = new PreparedStatementNames();
  dialect._query = function namedWhenMarked(this: KnexClientInternals, connection, query) {
    if (query.options?.[PREPARED_STATEMENT_OPTION] !== true) return send.call(this, connection, query);
    const { [PREPARED_STATEMENT_OPTION]: _marker, ...options } = query.options;
    const name = names.nameOf(query.sql);
    return send.call(this, connection, { ...query, options: name ? { ...options, name } : options });
  };
}
