import type { MikroORM } from '@mikro-orm/postgresql';

/** A statement as knex hands it to its dialect: the SQL, its bindings, the builder's options, then the response. */
export interface DialectQuery {
  sql: string;
  bindings?: unknown[];
  options?: Record<string, unknown>;
  response?: { command?: string; rows?: unknown[] } | Array<{ command?: string; rows?: unknown[] }>;
}

/** A pooled pg connection as knex holds it; `__knexTxId` is set while it serves a transaction. */
export interface DialectConnection {
  processID?: number;
  __knexTxId?: string;
}

/** The knex dialect: `_query` sends one statement on one connection. */
export interface KnexDialect {
  _query(connection: DialectConnection, query: DialectQuery): Promise<DialectQuery>;
  acquireRawConnection(): Promise<DialectConnection>;
  destroyRawConnection(connection: DialectConnection): Promise<void>;
  _wrappedCancelQueryCall(canceller: DialectConnection, connection: DialectConnection): Promise<unknown>;
}

type SendQuery = (this: KnexDialect, connection: DialectConnection, query: DialectQuery) => Promise<DialectQuery>;

const wrapped = new WeakMap<object, Set<string>>();

/**
 * Wraps `_query` of the knex dialect's prototype, the one place every MikroORM and knex statement passes (transactions'
 * clients included, which knex derives from the prototype rather than the instance; knex is pinned), once per process
 * for each `purpose`. `wrap` receives the `_query` it wraps.
 */
export function wrapDialectQuery(orm: MikroORM, purpose: string, wrap: (send: SendQuery) => SendQuery): void {
  const dialect = Object.getPrototypeOf(orm.em.getKnex().client) as KnexDialect;
  const purposes = wrapped.get(dialect) ?? new Set<string>();
  if (purposes.has(purpose)) return;
  purposes.add(purpose);
  wrapped.set(dialect, purposes);
  dialect._query = wrap(dialect._query);
}
