import type { EntityName } from '@mikro-orm/core';
import type { EntityManager, Knex } from '@mikro-orm/postgresql';

/**
 * A knex query over an entity's table, named from MikroORM's metadata (schema included) under `alias`, with no
 * columns selected yet, in the transaction `em` works in (if any): repositories start their SQL here rather than
 * from table-name strings. Built on knex directly: MikroORM's query builder cost a third of a millisecond per call
 * to produce the same FROM, and a nested page with its totals needs two.
 */
export function tableQuery<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  alias: string,
): Knex.QueryBuilder {
  const query = em.getKnex().from({ [alias]: qualifiedTableName(em, entity) });
  const transaction = em.getTransactionContext<Knex.Transaction>();
  if (transaction) query.transacting(transaction);
  return query;
}

function qualifiedTableName<T extends object>(em: EntityManager, entity: EntityName<T>): string {
  const metadata = em.getMetadata().find(entity);
  if (!metadata) throw new Error(`No table for ${String(entity)}`);
  const schema = em.getDriver().getSchemaName(metadata);
  return schema ? `${schema}.${metadata.tableName}` : metadata.tableName;
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
  return em.getKnex().raw('?? as ??', [qualifiedTableName(em, entity), alias]);
}

/**
 * Runs a knex query or raw statement in the transaction `em` works in (if any) with its values sent as bind
 * parameters ($1, $2…), and returns its rows; database errors become MikroORM's typed exceptions, as MikroORM's own
 * statements' do. MikroORM's `em.execute` writes every value into the SQL text instead, escaping strings one
 * character at a time: for the JSON of a 1,000-row bulk write that costs more than the statement itself.
 */
export async function executeBound<T = Record<string, unknown>>(
  em: EntityManager,
  query: Knex.QueryBuilder | Knex.Raw,
): Promise<T[]> {
  const transaction = em.getTransactionContext<Knex.Transaction>();
  if (transaction) query.transacting(transaction);
  try {
    const result = (await query) as T[] | { rows: T[] };
    return Array.isArray(result) ? result : result.rows;
  } catch (error) {
    throw em.getDriver().convertException(error as Error);
  }
}

/**
 * Inserts plain rows into an entity's table in one statement, in their order, without an entity, a change set or an
 * escaped SQL literal per row: the rows travel as one JSON parameter, unpacked by `jsonb_to_recordset` into each
 * column's own type (Dates as ISO strings, arrays into PostgreSQL arrays, objects into jsonb). `rows` hold values by
 * property name, as `em.insertMany` takes them; `properties` names the columns written, the others get their
 * defaults. For bulk writes whose rows the caller builds itself (ids included) and needs no entity of.
 */
export async function insertRows(
  em: EntityManager,
  entity: EntityName<object>,
  properties: readonly string[],
  rows: ReadonlyArray<Record<string, unknown>>,
): Promise<void> {
  if (rows.length === 0) return;
  const metadata = em.getMetadata().find(entity);
  if (!metadata) throw new Error(`No table for ${String(entity)}`);
  const columns = properties.map((property) => {
    const meta = (metadata.properties as Record<string, { fieldNames?: string[]; columnTypes?: string[] } | undefined>)[
      property
    ];
    const column = meta?.fieldNames?.[0];
    const type = meta?.columnTypes?.[0];
    if (!column || !type) throw new Error(`No column for ${String(entity)}.${property}`);
    return { property, column, type };
  });
  const schema = em.getDriver().getSchemaName(metadata);
  const knex = em.getKnex();
  const ids = (names: string[]) => names.map(() => '??').join(', ');
  const sql =
    `insert into ?? (${ids(columns.map((each) => each.column))}) ` +
    `select ${ids(columns.map((each) => each.property))} ` +
    `from rows from (jsonb_to_recordset(?::jsonb) as (${columns.map((each) => `?? ${each.type}`).join(', ')})) ` +
    `with ordinality as r(${ids(columns.map((each) => each.property))}, ??) order by ??`;
  const ordinal = '__row';
  await executeBound(
    em,
    knex.raw(sql, [
      schema ? `${schema}.${metadata.tableName}` : metadata.tableName,
      ...columns.map((each) => each.column),
      ...columns.map((each) => each.property),
      JSON.stringify(rows),
      ...columns.map((each) => each.property),
      ...columns.map((each) => each.property),
      ordinal,
      ordinal,
    ]),
  );
}
