import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import autocannon from 'autocannon';
import { Client } from 'pg';

import { createTestDatabase, testServerUrl, type TestDatabase } from '@hrc/dev-kit/testing';
import {
  checkSyntheticDatabase,
  failedRequests,
  postgresDatabaseCpuSeconds,
  postgresServerCpuSeconds,
  postmasterOf,
  processCpuSeconds,
  sameDataAs,
} from '@hrc/tools';

/*
 * The load benchmark's own parts: it refuses a server without the synthetic network, naming the command that makes
 * it, and it reads CPU time from /proc the way the kernel and PostgreSQL report it.
 */

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase('bench_load');
});
afterAll(() => database.drop());

const databaseName = () => new URL(database.url).pathname.slice(1);

test('refuses a server without the synthetic database, and says to run npm run seed:synthetic', async () => {
  const missing = `hub_missing_${randomBytes(4).toString('hex')}`;
  await expect(checkSyntheticDatabase(testServerUrl(), missing)).rejects.toThrow(
    `the synthetic database "${missing}" does not exist on this server: run \`npm run seed:synthetic\` first`,
  );
});

test('refuses a database without the hub tables, and says to run npm run seed:synthetic', async () => {
  await expect(checkSyntheticDatabase(testServerUrl(), databaseName())).rejects.toThrow(
    `"${databaseName()}" has no hub tables: run \`npm run seed:synthetic\` first`,
  );
});

test("reads a process's CPU time from /proc as Node itself counts it", () => {
  const own = () => {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1e6;
  };
  // Busy until Node counts 0.3 s of CPU: a condition, not a duration.
  const start = own();
  let spin = 0;
  while (own() - start < 0.3) spin += Math.sqrt(spin + 1);
  expect(spin).toBeGreaterThan(0);
  // Both are running totals of the same process: the /proc reading, taken between two of Node's, lies between them.
  // Other threads (the collector's) keep adding time, so the bracket is compared, never a difference of readings
  // taken apart. /proc truncates to clock ticks (10 ms).
  const earlier = own();
  const proc = processCpuSeconds(process.pid)!;
  const later = own();
  expect(proc).toBeGreaterThanOrEqual(earlier - 0.02);
  expect(proc).toBeLessThanOrEqual(later + 0.02);
});

test("charges a backend's work to its database and to the whole server", async () => {
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    const backend = Number((await client.query('select pg_backend_pid() as pid')).rows[0].pid);
    const postmaster = postmasterOf(backend);
    expect(postmaster).not.toBeNull();
    const before = {
      backend: processCpuSeconds(backend)!,
      database: postgresDatabaseCpuSeconds(postmaster!, databaseName())!,
      server: postgresServerCpuSeconds(postmaster!)!,
    };
    // Work in PostgreSQL until its backend has used 0.2 s of CPU.
    while (processCpuSeconds(backend)! - before.backend < 0.2)
      await client.query('select count(*) from generate_series(1, 300000)');
    const spent = {
      backend: processCpuSeconds(backend)! - before.backend,
      database: postgresDatabaseCpuSeconds(postmaster!, databaseName())! - before.database,
      server: postgresServerCpuSeconds(postmaster!)! - before.server,
    };
    // /proc counts CPU in clock ticks (1/100 s); the sums of many processes' float seconds differ in the last bits.
    const ticks = (seconds: number) => Math.round(seconds * 100);
    expect(ticks(spent.database)).toBeGreaterThanOrEqual(ticks(spent.backend));
    expect(ticks(spent.server)).toBeGreaterThanOrEqual(ticks(spent.database));
  } finally {
    await client.end();
  }
});

test('an answer under load counts only with the same data and no errors, however the gateway writes it', () => {
  const data = JSON.stringify({ cities: { totalCount: 2, edges: [{ node: { name: 'Gwangju' } }] } });
  const same = sameDataAs(data);
  expect(same(`{"data":${data}}`)).toBe(true);
  expect(same(Buffer.from(`{"data":${data},"extensions":{"cost":{"remaining":99}}}`))).toBe(true);
  // Written in another order, it is parsed and compared.
  expect(same(`{"extensions":{"cost":{"remaining":98}},"data":${data}}`)).toBe(true);
  expect(same(`{"data":${data.replace('Gwangju', 'Graz')},"extensions":{}}`)).toBe(false);
  expect(same(`{"data":${data},"errors":[{"message":"late"}]}`)).toBe(false);
  expect(same(`{"data":${data},"extensions":{},"errors":[{"message":"late"}]}`)).toBe(false);
  expect(same(`{"data":${data}`)).toBe(false);
  expect(same(undefined)).toBe(false);
});

test('an answer refused under load (a 503 without the data) counts as one failed request, not two', async () => {
  const data = JSON.stringify({ hello: 'world' });
  let answered = 0;
  const server = http.createServer((_request, response) => {
    answered += 1;
    if (answered % 2 === 0) {
      response.writeHead(503, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ errors: [{ message: 'The service is overloaded; retry later' }] }));
    } else {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(`{"data":${data}}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const result = await autocannon({ url, connections: 1, amount: 20, verifyBody: sameDataAs(data) });
    expect(result.statusCodeStats['503']?.count).toBe(10);
    expect(failedRequests(result, true)).toBe(10);
    // Without a checked answer, the refusals are the failures.
    const unchecked = await autocannon({ url, connections: 1, amount: 20 });
    expect(failedRequests(unchecked, false)).toBe(10);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

test('a request that times out counts as one failed request (autocannon counts a timeout among its errors too)', async () => {
  const server = http.createServer(() => {
    // Never answers: every request times out.
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const result = await autocannon({ url, connections: 1, duration: 2, timeout: 1 });
    expect(result.timeouts).toBeGreaterThan(0);
    expect(failedRequests(result, false)).toBe(result.timeouts);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
