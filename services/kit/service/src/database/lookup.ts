import { LockMode, Utils, type EntityName, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

import { NotFoundError } from '../errors';
import { isUuid } from '../ids';

/**
 * Loads a record by id inside a write, or throws NOT_FOUND; a malformed id is simply not found. `lock` takes the
 * row lock (SELECT … FOR UPDATE) for writes that must not interleave, such as seat allocation.
 */
export async function findByIdOrFail<T extends { id: string }>(
  em: EntityManager,
  entity: EntityName<T>,
  id: string,
  options: { lock?: boolean } = {},
): Promise<T> {
  if (!isUuid(id)) throw new NotFoundError(Utils.className(entity), id);
  const found = await em.findOne(
    entity,
    { id } as FilterQuery<T>,
    options.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {},
  );
  if (!found) throw new NotFoundError(Utils.className(entity), id);
  return found;
}
