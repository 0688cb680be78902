import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityClass, FilterQuery } from '@mikro-orm/core';

import { NotFoundError } from './errors';
import { isUuid } from './ids';

/** Loads a record by id inside a write, or throws NOT_FOUND; a malformed id is simply not found. */
export async function findByIdOrFail<T extends { id: string }>(
  em: EntityManager,
  entity: EntityClass<T>,
  id: string,
): Promise<T> {
  if (!isUuid(id)) throw new NotFoundError(entity.name, id);
  const found = await em.findOne(entity, { id } as FilterQuery<T>);
  if (!found) throw new NotFoundError(entity.name, id);
  return found;
}
