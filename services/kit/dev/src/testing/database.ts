import { randomBytes } from 'node:crypto';

import type { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';

import { dropDatabase } from '../databases';
import { testServerUrl } from './config';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A fresh database per test file, so files can run in parallel with their own data. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const serverUrl = testServerUrl();
  const name = `hub_test_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(serverUrl, name),
    drop: () => dropDatabase(serverUrl, name),
  };
}

/** Counts the SQL statements `work` sends, to prove a query's cost does not grow with page size. */
export async function countStatements<T>(
  orm: MikroORM,
  work: () => Promise<T>,
): Promise<{ result: T; statements: string[] }> {
  const knex = orm.em.getKnex();
  const statements: string[] = [];
  const listener = (query: { sql: string }) => statements.push(query.sql);
  knex.on('query', listener);
  try {
    const result = await work();
    return { result, statements };
  } finally {
    knex.off('query', listener);
  }
}
