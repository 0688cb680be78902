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

/**
 * Opens a subgraph (migrating its schema) on a database, without listening; `environment` overrides. No statement timeout: seeding 50,000
 * policies in one statement takes longer than the API's 10 s bound on a busy machine.
 */
export function openSubgraph(
  subgraph: RegisteredSubgraph,
  databaseUrl: string,
  environment: Record<string, string> = {},
): Promise<SubgraphApp> {
  return createSubgraphApp(
    subgraph.definition,
    parseSubgraphEnvironment(0, {
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
      DATABASE_STATEMENT_TIMEOUT_MS: '0',
      ...environment,
    }),
  );
}

/** Refuses to start the hub on a server without the synthetic network, naming the command that makes it. */
export async function checkSyntheticDatabase(serverUrl: string, name = SYNTHETIC_DATABASE): Promise<{ url: string }> {
  const missing = (reason: string) =>
    new Error(
      `${reason}: run \`npm run seed:synthetic\` first (with the same DATABASE_URL), then run the benchmark again`,
    );
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) throw missing(`the synthetic database "${name}" does not exist on this server`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const tables = await client.query(
      `select to_regclass('cities.city') as city, to_regclass('cities.policy') as policy, to_regclass('events.event') as event,
              to_regclass('education.enrollment') as enrollment`,
    );
    if (Object.values(tables.rows[0] as Record<string, unknown>).some((table) => table === null)) {
      throw missing(`"${name}" has no hub tables`);
    }
    const { rows } = await client.query(
      `select count(*)::int as count from cities.city where slug like 'synthetic-city-%'`,
    );
    if (!(rows[0] as { count: number }).count) throw missing(`"${name}" holds no synthetic cities`);
    return { url: url.toString() };
  } finally {
    await client.end();
  }
}
