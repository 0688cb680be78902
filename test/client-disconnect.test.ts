import { Client } from 'pg';

import { startHub, type RunningHub } from './support/hub';

/**
 * A client that goes away stops the work done for it, down to the database: the gateway aborts its subgraph calls,
 * which aborts the subgraph's request and cancels its statement. Timeouts and deadlines are set far beyond the test,
 * so only the disconnect can end the statement, which a table lock held by the test keeps waiting.
 */
let hub: RunningHub;
let locker: Client;
let observer: Client;

beforeAll(async () => {
  hub = await startHub({
    only: ['cities', 'events'],
    gatewayEnvironment: { SUBGRAPH_TIMEOUT_MS: '120000' },
    subgraphEnvironment: { REQUEST_DEADLINE_MS: '600000', DATABASE_STATEMENT_TIMEOUT_MS: '0' },
  });
  const databaseUrl = hub.subgraphs.get('cities')!.database.url;
  locker = new Client({ connectionString: databaseUrl });
  observer = new Client({ connectionString: databaseUrl });
  await Promise.all([locker.connect(), observer.connect()]);
});
afterAll(async () => {
  await Promise.all([locker?.end(), observer?.end()]);
  await hub?.close();
});

async function waitingOnTheLock(): Promise<number> {
  const { rows } = await observer.query<{ waiting: number }>(
    `select count(*)::int as waiting from pg_stat_activity
      where datname = current_database() and state = 'active' and wait_event_type = 'Lock'`,
  );
  return rows[0]!.waiting;
}

async function eventually(read: () => Promise<number>, done: (value: number) => boolean): Promise<number> {
  let value = await read();
  for (let attempt = 0; attempt < 100 && !done(value); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

test('a client that disconnects cancels the statement running for it', async () => {
  await locker.query('begin');
  await locker.query('lock table cities.policy in access exclusive mode');
  try {
    const client = new AbortController();
    const request = fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ policies { totalCount } }' }),
      signal: client.signal,
    }).catch((error: unknown) => error);
    expect(await eventually(waitingOnTheLock, (waiting) => waiting > 0)).toBeGreaterThan(0);
    client.abort();
    await request;
    expect(await eventually(waitingOnTheLock, (waiting) => waiting === 0)).toBe(0);
  } finally {
    await locker.query('rollback');
  }
});
