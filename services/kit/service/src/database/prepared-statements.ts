import { createHash } from 'node:crypto';

import type { MikroORM } from '@mikro-orm/postgresql';
import type { Knex } from 'knex';

import { wrapDialectQuery } from './dialect-query';

/** The knex query option that marks a statement to run prepared; replaced by the statement's name before it is sent. */
export const PREPARED_STATEMENT_OPTION = 'preparedStatement';

/**
 * Marks a read that runs again and again with new values (a nested page, a per-parent count, a per-parent aggregate)
 * to be sent as a named prepared statement: PostgreSQL then parses it once per connection, and may keep a generic
 * plan for it after a few runs, where an unnamed statement is parsed and planned on every call (0.2 to 1 ms of
 * PostgreSQL's CPU each; about 12 % of its CPU under 20 cities with nested lists). A marked read names its columns
 * rather than selecting `alias.*`, so a migration adding a column leaves its result columns as they were.
 */
export function preparedStatement<Q extends Knex.QueryBuilder>(query: Q): Q {
  return query.options({ [PREPARED_STATEMENT_OPTION]: true }) as Q;
}

/** The name of a prepared statement: the same text always gets the same name, and two texts never share one. */
export function preparedStatementName(sql: string): string {
  return `hrc_${createHash('sha1').update(sql).digest('hex')}`;
}

/** How prepared texts are chosen; see PreparedStatementNames. */
export interface PreparedStatementLimits {
  /** Texts a process prepares at most. */
  texts: number;
  /** Runs of a text before it is prepared. */
  runsBeforePreparing: number;
  /** Texts whose runs are counted at most, so callers inventing texts cannot grow the count without bound. */
  counted: number;
}

/**
 * A prepared statement stays on its connection, with its plan (tens of kilobytes in PostgreSQL), for the connection's
 * life, and callers choose which filters and orders a nested list uses, so the texts they can make are many: a text
 * is prepared once it has run a few times, and only the first 64 such texts are; the rest run unnamed, as every
 * statement did before.
 */
export const PREPARED_STATEMENT_LIMITS: PreparedStatementLimits = { texts: 64, runsBeforePreparing: 3, counted: 1024 };

/** Which texts run prepared, and under what name; a text given up on (see `giveUp`) runs unnamed from then on. */
export class PreparedStatementNames {
  private readonly runs = new Map<string, number>();
  private readonly names = new Set<string>();
  private readonly givenUp = new Set<string>();

  constructor(private readonly limits: PreparedStatementLimits = PREPARED_STATEMENT_LIMITS) {}

  /** The text's name, once it has run often enough and while there is room; otherwise undefined. */
  nameOf(sql: string): string | undefined {
    const name = preparedStatementName(sql);
    if (this.names.has(name)) return name;
    if (this.givenUp.has(name) || this.names.size >= this.limits.texts) return undefined;
    const runs = (this.runs.get(name) ?? 0) + 1;
    if (runs >= this.limits.runsBeforePreparing) {
      this.runs.delete(name);
      this.names.add(name);
      return name;
    }
    if (this.runs.has(name) || this.runs.size < this.limits.counted) this.runs.set(name, runs);
    return undefined;
  }

  /** A text whose prepared form no longer fits its table: it runs unnamed from now on. */
  giveUp(name: string): void {
    this.names.delete(name);
    this.givenUp.add(name);
  }
}

/** PostgreSQL's answer when a prepared statement's result columns changed type under it (a migration altering one). */
function resultTypeChanged(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === '0A000' && typeof message === 'string' && message.includes('cached plan must not change result type');
}

/**
 * Sends every statement marked by `preparedStatement` with a name, as PreparedStatementNames chooses (knex passes a
 * query's options on to the pg driver, which prepares a named statement once per connection). If a migration has
 * changed the type of a column the statement reads, PostgreSQL refuses the prepared form on every connection that
 * holds it: the text then runs unnamed from then on, and the statement is sent again unnamed, unless it ran inside a
 * transaction, which the refusal has already aborted.
 */
export function prepareMarkedStatements(orm: MikroORM): void {
  const names = new PreparedStatementNames();
  wrapDialectQuery(
    orm,
    'prepared statements',
    (send) =>
      async function namedWhenMarked(connection, query) {
        if (query.options?.[PREPARED_STATEMENT_OPTION] !== true) return send.call(this, connection, query);
        const { [PREPARED_STATEMENT_OPTION]: _marker, ...options } = query.options;
        const unnamed = { ...query, options };
        const name = names.nameOf(query.sql);
        if (!name) return send.call(this, connection, unnamed);
        try {
          return await send.call(this, connection, { ...query, options: { ...options, name } });
        } catch (error) {
          if (!resultTypeChanged(error)) throw error;
          names.giveUp(name);
          if (connection.__knexTxId) throw error;
          return send.call(this, connection, unnamed);
        }
      },
  );
}
