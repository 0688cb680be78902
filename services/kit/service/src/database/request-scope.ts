import { AsyncLocalStorage } from 'node:async_hooks';

import type { MikroORM } from '@mikro-orm/postgresql';

import { RequestAbortedError, RowLimitError } from '../errors';
import { wrapDialectQuery, type DialectQuery, type KnexDialect } from './dialect-query';

/** What one GraphQL request may still do with the database: until its signal aborts, and up to a number of rows. */
export interface RequestScope {
  /**
   * The gateway's id of the client operation this request serves, shared by its parallel subgraph fetches (signed, so
   * never chosen by a client); identical reads of one operation share a statement (sharedRead), never of two.
   */
  operationId: string;
  signal: AbortSignal;
  rowLimit: number;
  rowsRead: number;
}

const scopes = new AsyncLocalStorage<RequestScope>();

/**
 * Binds the rest of the current asynchronous work (the request's execution) to `scope`. Called from the request's
 * first plugin hook, so every statement its resolvers, loaders and reference resolvers send is bound to it, without
 * threading the signal through every repository.
 */
export function enterRequestScope(scope: RequestScope): void {
  scopes.enterWith(scope);
}

/** Runs `work` bound to `scope`, as a request's execution is (for work started outside a request, such as tests). */
export function runInRequestScope<T>(scope: RequestScope, work: () => T): T {
  return scopes.run(scope, work);
}

export function currentRequestScope(): RequestScope | undefined {
  return scopes.getStore();
}

/** Statements that end a transaction must still run after an abort, or the connection goes back to the pool mid-transaction. */
const ENDS_TRANSACTION = /^\s*(rollback|release\s+savepoint)\b/i;
const COMMIT = /^\s*commit\b/i;

function rowsOf(query: DialectQuery): number {
  const responses = Array.isArray(query.response) ? query.response : [query.response];
  return responses.reduce(
    (total, response) => total + (response?.command === 'SELECT' ? (response.rows?.length ?? 0) : 0),
    0,
  );
}

/**
 * Makes every statement sent inside a request scope obey it:
 * - once the request is aborted (the gateway gave up, the caller went away, the deadline passed), a statement in
 *   flight is cancelled in PostgreSQL (pg_cancel_backend) and no further statement starts, and a transaction that
 *   reaches its COMMIT is rolled back instead, so an aborted request commits nothing further;
 * - the rows the request's SELECTs return are counted, and the statement that crosses the cap fails.
 * Statements outside a request scope (migrations, seeding) pass untouched.
 */
export function guardQueriesByRequestScope(orm: MikroORM): void {
  wrapDialectQuery(
    orm,
    'request scope',
    (send) =>
      async function guardedQuery(this: KnexDialect, connection, query) {
        const scope = scopes.getStore();
        if (!scope) return send.call(this, connection, query);
        if (scope.signal.aborted && !ENDS_TRANSACTION.test(query.sql)) {
          if (COMMIT.test(query.sql)) await send.call(this, connection, { sql: 'rollback', bindings: [] });
          throw new RequestAbortedError();
        }
        // pg_cancel_backend cancels whatever the backend runs when it arrives; once this statement is done the
        // connection may serve another request, so the cancel is sent only while the statement still runs (knex's own
        // cancelQuery, opened on a connection outside the pool, with that check made after connecting).
        let running = true;
        const cancel = () => {
          const cancelWhileRunning = async () => {
            const canceller = await this.acquireRawConnection();
            try {
              if (running) await this._wrappedCancelQueryCall(canceller, connection);
            } finally {
              await this.destroyRawConnection(canceller).catch(() => undefined);
            }
          };
          void scopes.exit(cancelWhileRunning).catch(() => undefined);
        };
        scope.signal.addEventListener('abort', cancel, { once: true });
        try {
          const result = await send.call(this, connection, query);
          scope.rowsRead += rowsOf(result);
          if (scope.rowsRead > scope.rowLimit) throw new RowLimitError(scope.rowLimit);
          return result;
        } catch (error) {
          if (scope.signal.aborted && !(error instanceof RowLimitError)) throw new RequestAbortedError();
          throw error;
        } finally {
          running = false;
          scope.signal.removeEventListener('abort', cancel);
        }
      },
  );
}
