import type { MigrationObject } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { MikroORM, defineConfig, type EntityManager, type Options } from '@mikro-orm/postgresql';
import { Client } from 'pg';

import { NotFoundError } from '../errors';
import type { Logger } from '../logger';
import type { PoolStatistics } from '../metrics';
import { registerCursorKey } from './keyset';
import { prepareMarkedStatements } from './prepared-statements';
import { guardQueriesByRequestScope } from './request-scope';
import { SeedRun } from './seed-run.entity';

export interface DatabaseSettings {
  url: string;
  replicaUrls: string[];
  poolMax: number;
  /** PostgreSQL's statement_timeout for every connection of the pool; 0 leaves it off. */
  statementTimeoutMs?: number;
  /** How long a query waits for a free connection before failing with SERVICE_BUSY (knex's default is 60 s). */
  acquireTimeoutMs?: number;
  /** The secret cursors are authenticated with (see registerCursorKey). */
  cursorSecret?: string;
}

export interface DatabaseDefinition {
  /** The PostgreSQL schema the service owns: cities, events or education. */
  schema: string;
  entities: Function[];
  migrations: MigrationObject[];
}

/** The seed bookkeeping table lives in every service's schema beside its entities. */
const DATABASE_KIT_ENTITIES: Function[] = [SeedRun];

/** `migrationsPath` is only needed to generate migrations, which `npm run migration:create` does. */
export function createOrmConfig(
  definition: DatabaseDefinition,
  settings: DatabaseSettings,
  migrationsPath?: string,
): Options {
  return defineConfig({
    clientUrl: settings.url,
    schema: definition.schema,
    entities: [...DATABASE_KIT_ENTITIES, ...definition.entities],
    discovery: { warnWhenNoEntities: true, disableDynamicFileAccess: true },
    replicas: settings.replicaUrls.map((url) => ({ name: new URL(url).host, clientUrl: url })),
    pool: { min: 0, max: settings.poolMax },
    // Merged into knex's options: node-postgres sends statement_timeout when it opens each connection.
    driverOptions: {
      connection: { statement_timeout: settings.statementTimeoutMs ?? 0 },
      acquireConnectionTimeout: settings.acquireTimeoutMs ?? 60_000,
    },
    forceUtcTimezone: true,
    allowGlobalContext: false,
    ensureDatabase: false,
    debug: false,
    extensions: [Migrator],
    findOneOrFailHandler: (entityName: string, where: unknown) =>
      new NotFoundError(entityName, typeof where === 'string' ? where : JSON.stringify(where)),
    migrations: {
      tableName: 'mikro_orm_migrations',
      migrationsList: definition.migrations,
      path: migrationsPath,
      silent: true,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts',
      fileName: (timestamp: string, name?: string) => `Migration${timestamp}${name ? `_${name}` : ''}`,
    },
  });
}

/**
 * Holds a session-level advisory lock for the duration of `work`, so that replicas starting together
 * migrate and seed one at a time.
 */
async function withStartupLock<T>(url: string, schema: string, work: () => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock(hashtext($1))', [`hub-startup:${schema}`]);
    return await work();
  } finally {
    await client.query('select pg_advisory_unlock(hashtext($1))', [`hub-startup:${schema}`]).catch(() => undefined);
    await client.end();
  }
}

export interface OpenDatabaseOptions {
  logger: Logger;
  /** Loads the real forum data the first time this schema is seeded; never twice. */
  seed?: { name: string; run: (em: EntityManager) => Promise<void> };
}

/** Connects, applies pending migrations (never drops anything), and seeds once when asked to. */
export async function openDatabase(
  definition: DatabaseDefinition,
  settings: DatabaseSettings,
  options: OpenDatabaseOptions,
): Promise<MikroORM> {
  const orm = await MikroORM.init(createOrmConfig(definition, settings));
  if (settings.cursorSecret) registerCursorKey(orm.em, settings.cursorSecret);
  guardQueriesByRequestScope(orm);
  prepareMarkedStatements(orm);
  try {
    await withStartupLock(settings.url, definition.schema, async () => {
      const applied = await orm.getMigrator().up();
      if (applied.length > 0) {
        options.logger.info({ migrations: applied.map((migration) => migration.name) }, 'migrations applied');
      }
      if (options.seed) await seedOnce(orm.em.fork(), options.seed, options.logger);
    });
  } catch (error) {
    await orm.close(true);
    throw error;
  }
  return orm;
}

async function seedOnce(
  em: EntityManager,
  seed: { name: string; run: (em: EntityManager) => Promise<void> },
  logger: Logger,
): Promise<void> {
  if (await em.findOne(SeedRun, { name: seed.name })) return;
  await em.transactional(async (tx) => {
    await seed.run(tx);
    tx.persist(new SeedRun(seed.name));
  });
  logger.info({ seed: seed.name }, 'seed data loaded');
}

export async function isDatabaseReachable(orm: MikroORM): Promise<boolean> {
  try {
    await orm.em.getConnection().execute('select 1');
    return true;
  } catch {
    return false;
  }
}

interface KnexPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
}

export function poolStatisticsOf(orm: MikroORM): () => PoolStatistics | undefined {
  return () => {
    const pool = (orm.em.getConnection().getKnex().client as { pool?: KnexPool }).pool;
    if (!pool) return undefined;
    return { used: pool.numUsed(), free: pool.numFree(), pendingAcquires: pool.numPendingAcquires() };
  };
}
