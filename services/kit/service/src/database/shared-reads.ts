import type { EntityManager, Knex } from '@mikro-orm/postgresql';

/*
 * A report reaches a subgraph as several requests at once: the gateway asks for the rows, the region totals and the
 * network totals in parallel, and each needs the same figures of the same cities under the same filter. Identical
 * read statements on one database that run at the same time share one execution, so the work is done once. Only
 * statements in flight are shared, never a finished result: a read that starts after the statement ended runs its
 * own, so nothing is served that a new statement would not also have been free to return.
 */

const inFlight = new WeakMap<object, Map<string, Promise<unknown>>>();

/**
 * Runs a read-only statement, or joins the identical one (same SQL, same bindings, same database) already running in
 * this process. Inside a transaction the statement runs on its own: what a transaction reads is its own.
 */
export function sharedRead<T>(em: EntityManager, statement: Knex.QueryBuilder | Knex.Raw): Promise<T> {
  if (em.isInTransaction()) return Promise.resolve(statement as unknown as PromiseLike<T>);
  const knex = em.getKnex();
  const native = statement.toSQL().toNative();
  const key = `${native.sql}\u0000${JSON.stringify(native.bindings)}`;
  let running = inFlight.get(knex.client);
  if (!running) {
    running = new Map();
    inFlight.set(knex.client, running);
  }
  const joined = running.get(key);
  if (joined) return joined as Promise<T>;
  const started = Promise.resolve(statement as unknown as PromiseLike<T>).finally(() => running.delete(key));
  running.set(key, started);
  return started;
}
