import { Client } from 'pg';

import { createSubgraphApp, type SubgraphApp } from '@hrc/graph-kit';
import { parseSubgraphEnvironment } from '@hrc/service-kit';

import type { RegisteredSubgraph } from './subgraphs';

export const SYNTHETIC_DATABASE = 'hub_synthetic';

/** The synthetic network lives in its own database, so it never mixes with the real seed. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Opens a subgraph (migrating its schema) on a database, without listening. */
export function openSubgraph(subgraph: RegisteredSubgraph, databaseUrl: string): Promise<SubgraphApp> {
  return createSubgraphApp(
    subgraph.definition,
    parseSubgraphEnvironment(0, { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', NODE_ENV: 'development' }),
  );
}
