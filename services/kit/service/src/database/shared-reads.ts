import type { EntityManager, Knex } from '@mikro-orm/postgresql';

import { RowLimitError } from '../errors';
import { currentRequestScope } from './request-scope';

/*
 * A report reaches a subgraph as several requests at once: the gateway asks for the rows, the region totals and the
 * network totals of one client operation in parallel, and each needs the same figures of the same cities under the
 * same filter. Identical read statements of one operation on one database that run at the same time share one
 * execution, so the work is done once. Only statements in flight are shared, never a finished result, and never
 * between two client operations: one client's abort or row cap cancels only its own statements, and what a client
 * reads is never timed by another.
 */

const inFlight = new WeakMap<object, Map<string, Promise<unknown>>>();

function rowCountOf(result: unknown): number {
  if (Array.isArray(result)) return result.length;
  const rows = (result as { rows?: unknown[] } | undefined)?.rows;
  return Array.isArray(rows) ? rows.length : 0;
}

/**
 * Runs a read-only statement, or joins the identical one (same SQL, same bindings, same database) that another fetch
 * of the same client operation is running. The rows count against each caller's row cap. Outside a request, or
 * inside a transaction (what a transaction reads is its own), the statement runs on its own.
 */
export async function sharedRead<T>(em: EntityManager, statement: Knex.QueryBuilder | Knex.Raw): Promise<T> {
  const scope = currentRequestScope();
  if (!scope || em.isInTransaction()) return statement as unknown as Promise<T>;
  const knex = em.getKnex();
  const native = statement.toSQL().toNative();
  const key = `${scope.operationId}\u0000${native.sql}\u0000${JSON.stringify(native.bindings)}`;
  let running = inFlight.get(knex.client);
  if (!running) {
    running = new Map();
    inFlight.set(knex.client, running);
  }
  const joined = running.get(key);
  if (!joined) {
    // Run by this caller, in its request scope: its rows are counted there as for any statement.
    const started = Promise.resolve(statement as unknown as PromiseLike<T>).finally(() => running.delete(key));
    running.set(key, started);
    return started;
  }
  const result = (await joined) as T;
  scope.rowsRead += rowCountOf(result);
  if (scope.rowsRead > scope.rowLimit) throw new RowLimitError(scope.rowLimit);
  return result;
}
