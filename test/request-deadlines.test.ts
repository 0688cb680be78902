import { randomUUID } from 'node:crypto';

import { Client } from 'pg';

import { citiesSubgraph } from '@hrc/cities';
import { postSigned, testSubgraphConfig } from '@hrc/dev-kit/testing';
import { organizationIdFromSlug } from '@hrc/domain-kit';
import { createSubgraphApp, type SubgraphApp } from '@hrc/graph-kit';
import { poolStatisticsOf } from '@hrc/service-kit';

import { startHub, type RunningHub } from './support/hub';

/**
 * An abort must reach the database: once the gateway gives up on a subgraph call (or the subgraph's own deadline
 * passes), the statements running for it are cancelled, no further statement starts, and nothing more is committed.
 * A table lock held by the test stands in for a slow query, so nothing here depends on timing.
 */
let hub: RunningHub;
let databaseUrl: string;
let locker: Client;
let observer: Client;

beforeAll(async () => {
  hub = await startHub({
    only: ['cities', 'events'],
    gatewayEnvironment: {
      SUBGRAPH_TIMEOUT_MS: '1000',
      // The gateway's operation limits refuse these batches today; this file tests what a subgraph does with one
      // that gets through (limits can be raised), so they are lifted here.
      MAX_QUERY_ALIASES: '100',
      MAX_QUERY_ROOT_FIELDS: '100',
      MAX_MUTATION_ROOT_FIELDS: '100',
      COST_LIMIT_PUBLIC: '1000000',
      COST_LIMIT_PARTNER: '1000000',
    },
  });
  databaseUrl = hub.subgraphs.get('cities')!.database.url;
  locker = new Client({ connectionString: databaseUrl });
  observer = new Client({ connectionString: databaseUrl });
  await Promise.all([locker.connect(), observer.connect()]);
});
afterAll(async () => {
  await Promise.all([locker?.end(), observer?.end()]);
  await hub?.close();
});

/** Holds an exclusive lock on the policy table while `work` runs, so every statement touching it waits. */
async function withPolicyTableLocked<T>(work: () => Promise<T>): Promise<T> {
  await locker.query('begin');
  await locker.query('lock table cities.policy in access exclusive mode');
  try {
    return await work();
  } finally {
    await locker.query('rollback');
  }
}

async function activeStatements(): Promise<string[]> {
  const { rows } = await observer.query<{ query: string }>(
    `select query from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid() and pid <> $1 and state = 'active'`,
    [(locker as unknown as { processID: number }).processID],
  );
  return rows.map((row) => row.query);
}

/** Polls a condition a bounded number of times: the behaviour is asserted, not how long it took. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let attempt = 0; attempt < 50 && !done(value); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

test('aliased full-text searches the gateway gave up on leave no statement running or waiting for a connection', async () => {
  const cities = hub.subgraphs.get('cities')!;
  const aliases = Array.from(
    { length: 40 },
    (_, index) => `s${index}: policies(filter: { search: "charter ${index}" }) { totalCount }`,
  );
  await withPolicyTableLocked(async () => {
    const answer = await hub.query(`{ ${aliases.join(' ')} }`);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'cities' });
    // Still locked: without cancellation the searches would wait here until the lock goes.
    expect(await eventually(activeStatements, (statements) => statements.length === 0)).toEqual([]);
    const pool = await eventually(
      async () => poolStatisticsOf(cities.app.orm)(),
      (statistics) => statistics?.pendingAcquires === 0 && statistics.used === 0,
    );
    expect(pool).toMatchObject({ pendingAcquires: 0, used: 0 });
  });
});

test('aliased writes the gateway gave up on commit nothing after the abort', async () => {
  const token = await hub.token('partner', organizationIdFromSlug('gwangju-metropolitan-city'));
  const city = (await hub.query<{ city: { id: string } }>('{ city(slug: "gwangju") { id } }')).data!.city;
  const marker = `Aborted batch ${randomUUID()}`;
  const aliases = Array.from(
    { length: 20 },
    (_, index) =>
      `p${index}: createPolicy(input: { cityId: "${city.id}", title: "${marker} ${index}", summary: "x" }) { id }`,
  );
  await withPolicyTableLocked(async () => {
    const answer = await hub.query(`mutation { ${aliases.join(' ')} }`, { token });
    expect(answer.errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
    expect(await eventually(activeStatements, (statements) => statements.length === 0)).toEqual([]);
  });
  // The lock is gone: a subgraph still working through the batch would now store the rest.
  await eventually(activeStatements, (statements) => statements.length === 0);
  await new Promise((resolve) => setTimeout(resolve, 300));
  const { rows } = await observer.query<{ stored: number }>(
    `select count(*)::int as stored from cities.policy where title like $1`,
    [`${marker}%`],
  );
  expect(rows[0]!.stored).toBe(0);
});

describe('a subgraph protects itself', () => {
  let deadlineBound: SubgraphApp;
  let budgeted: SubgraphApp;
  let urls: { deadline: string; budget: string };

  beforeAll(async () => {
    deadlineBound = await createSubgraphApp(
      citiesSubgraph,
      testSubgraphConfig(databaseUrl, { REQUEST_DEADLINE_MS: '500', DATABASE_STATEMENT_TIMEOUT_MS: '0' }),
    );
    budgeted = await createSubgraphApp(
      citiesSubgraph,
      testSubgraphConfig(databaseUrl, { DATABASE_STATEMENT_TIMEOUT_MS: '300', MAX_ROWS_PER_REQUEST: '5' }),
    );
    urls = {
      deadline: (await deadlineBound.listen(0, '127.0.0.1')).url,
      budget: (await budgeted.listen(0, '127.0.0.1')).url,
    };
  });
  afterAll(async () => {
    await deadlineBound?.close();
    await budgeted?.close();
  });

  async function ask(url: string, query: string) {
    const response = await postSigned(url, JSON.stringify({ query }));
    return (await response.json()) as { data?: any; errors?: Array<{ message: string; extensions?: any }> };
  }

  test('its own deadline ends a request nobody cancels, and cancels its statement', async () => {
    await withPolicyTableLocked(async () => {
      const answer = await ask(urls.deadline, '{ policies { totalCount } }');
      expect(answer.errors?.[0]?.extensions?.code).toBe('REQUEST_ABORTED');
      expect(answer.errors?.[0]?.message).not.toMatch(/select/i);
      expect(await eventually(activeStatements, (statements) => statements.length === 0)).toEqual([]);
    });
  });

  test('PostgreSQL stops a statement past statement_timeout: QUERY_TIMEOUT', async () => {
    await withPolicyTableLocked(async () => {
      const answer = await ask(urls.budget, '{ policies { totalCount } }');
      expect(answer.errors?.[0]?.extensions?.code).toBe('QUERY_TIMEOUT');
      expect(answer.errors?.[0]?.message).not.toMatch(/select/i);
    });
  });

  test('a request reading more rows than MAX_ROWS_PER_REQUEST is refused with ROW_LIMIT_EXCEEDED', async () => {
    const refused = await ask(urls.budget, '{ cities(first: 10) { edges { node { id } } } }');
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'ROW_LIMIT_EXCEEDED', limit: 5 });
    const allowed = await ask(urls.budget, '{ cities(first: 2) { edges { node { id } } } }');
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data.cities.edges).toHaveLength(2);
  });
});
