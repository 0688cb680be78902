import type { EntityName } from '@mikro-orm/core';
import type { EntityManager, Knex } from '@mikro-orm/postgresql';

/**
 * A knex query over an entity's table, named from MikroORM's metadata (schema included) under `alias`, with no
 * columns selected yet: repositories start their SQL here rather than from table-name strings.
 */
export function tableQuery<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  alias: string,
): Knex.QueryBuilder {
  return em.createQueryBuilder(entity, alias).getKnexQuery().clearSelect();
}

/** The column a property is stored in, from MikroORM's metadata: `columnOf(em, Policy, 'cityId')` is "city_id". */
export function columnOf<T extends object>(em: EntityManager, entity: EntityName<T>, property: string): string {
  const metadata = em.getMetadata().find(entity);
  const column = (metadata?.properties as Record<string, { fieldNames?: string[] }> | undefined)?.[property]
    ?.fieldNames?.[0];
  if (!column) throw new Error(`No column for ${String(entity)}.${property}`);
  return column;
}

/**
 * An entity's table for a knex join, `"schema"."table" as "alias"`, named from MikroORM's metadata like the FROM of
 * `tableQuery`: `tableQuery(em, Cohort, 'c').join(tableRef(em, Program, 'p'), 'p.id', 'c.program_id')`.
 */
export function tableRef<T extends object>(em: EntityManager, entity: EntityName<T>, alias: string): Knex.Raw {
  const metadata = em.getMetadata().find(entity);
  if (!metadata) throw new Error(`No table for ${String(entity)}`);
  const schema = em.getDriver().getSchemaName(metadata);
  return em.getKnex().raw('?? as ??', [schema ? `${schema}.${metadata.tableName}` : metadata.tableName, alias]);
}
