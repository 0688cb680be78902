import os from 'node:os';

import { mintToken, dropDatabase } from '@hrc/dev-kit';
import { cityIdFromSlug, organizationIdFromSlug } from '@hrc/domain-kit';
import { createGatewayApp, loadGatewayConfig } from '@hrc/gateway';
import { createSubgraphApp, type SubgraphApp } from '@hrc/graph-kit';
import { parseSubgraphEnvironment } from '@hrc/service-kit';

import { percentile } from './bench-support';
import { loadToolsConfig } from './config';
import { openDatabaseServer } from './database-server';
import { SUBGRAPHS } from './subgraphs';
import { composeSupergraph, printSubgraphs } from './supergraph';
import { ensureDatabase } from './synthetic-database';

const BULK_DATABASE = 'hub_bench_bulk';
const BULK_ROWS = 1000;
/** Indicators whose units take the value 10 (not the yes/no one); the real seed's cities and years up to 2025. */
const CODES = ['SPA-01', 'SPA-02', 'SOC-01', 'SOC-02', 'CUL-01', 'CUL-02', 'ECO-01', 'ECO-02', 'POL-02'];
const CITIES = ['rosario', 'graz', 'montreal', 'utrecht', 'vienna', 'york', 'lund', 'gwangju', 'barcelona', 'grigny'];

async function recreateDatabase(serverUrl: string): Promise<string> {
  await dropDatabase(serverUrl, BULK_DATABASE);
  return ensureDatabase(serverUrl, BULK_DATABASE);
}

/**
 * `npm run bench -- --bulk [--iterations 20] [--rounds 2]`: one 1,000-row recordIndicatorValues call against single
 * recordIndicatorValue calls, through the real gateway as a partner, on a fresh database with the real seed (dropped
 * afterwards). Every call writes new keys, so each is a real insert with its audit record. Prints p50s and the ratio
 * (target: the bulk call at most 10× one single call).
 */
export async function runBulkBenchmark(argv: string[]): Promise<void> {
  const option = (name: string, fallback: number) => {
    const index = argv.indexOf(`--${name}`);
    return index >= 0 ? Number(argv[index + 1]) : fallback;
  };
  const iterations = option('iterations', 20);
  const rounds = option('rounds', 2);
  const tools = loadToolsConfig();
  const server = await openDatabaseServer(tools, () => undefined);
  const url = await recreateDatabase(server.url);
  const apps: SubgraphApp[] = [];
  for (const subgraph of SUBGRAPHS) {
    apps.push(
      await createSubgraphApp(
        subgraph.definition,
        parseSubgraphEnvironment(0, {
          DATABASE_URL: url,
          LOG_LEVEL: 'warn',
          NODE_ENV: 'development',
          SEED_ON_START: 'real',
          // The machine's own event-loop lag (shared cores), and the bulk call's, must not shed the measured requests.
          LOAD_SHED_EVENT_LOOP_DELAY_MS: '0',
        }),
      ),
    );
  }
  const addresses = new Map<string, string>();
  for (const app of apps) addresses.set(app.name, (await app.listen(0, '127.0.0.1')).url);
  const supergraphSdl = composeSupergraph(await printSubgraphs((subgraph) => addresses.get(subgraph.name)!));
  const gateway = await createGatewayApp(
    loadGatewayConfig({
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      JWT_SECRET: tools.jwtSecret,
      LOAD_SHED_EVENT_LOOP_DELAY_MS: '0',
    }),
    { supergraphSdl },
  );
  const gatewayAddress = await gateway.listen(0, '127.0.0.1');
  const token = await mintToken(tools.jwtSecret, {
    roles: ['partner'],
    organizationId: organizationIdFromSlug('gwangju-international-center'),
  });
  const keys = CITIES.flatMap((city) =>
    CODES.flatMap((code) =>
      Array.from({ length: 36 }, (_, offset) => ({
        cityId: cityIdFromSlug(city),
        indicatorCode: code,
        year: 1990 + offset,
      })),
    ),
  );
  let nextKey = 0;
  const take = (count: number) => {
    if (nextKey + count > keys.length) throw new Error('the benchmark ran out of distinct keys; lower the counts');
    const slice = keys.slice(nextKey, nextKey + count);
    nextKey += count;
    return slice.map((key) => ({ ...key, value: 10, source: 'SYNTHETIC DATA (bulk benchmark)' }));
  };
  const post = async (query: string, variables: object) => {
    const response = await fetch(gatewayAddress.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const json = (await response.json()) as { errors?: unknown; data?: Record<string, { failed?: number }> };
    if (json.errors) throw new Error(JSON.stringify(json.errors));
    if (json.data?.recordIndicatorValues?.failed) throw new Error('a bulk row failed');
  };
  const single = () =>
    post(`mutation($i: RecordIndicatorValueInput!) { recordIndicatorValue(input: $i) { id } }`, { i: take(1)[0] });
  const bulk = () =>
    post(
      `mutation($i: RecordIndicatorValuesInput!) { recordIndicatorValues(input: $i) { created failed rows { record { id } } } }`,
      { i: { rows: take(BULK_ROWS), mode: 'ALL_OR_NOTHING' } },
    );
  const cities = apps.find((app) => app.name === 'cities')!;
  const measure = async (run: () => Promise<void>, times: number) => {
    let statements = 0;
    const count = () => (statements += 1);
    cities.orm.em.getKnex().on('query', count);
    const timings: number[] = [];
    try {
      for (let index = 0; index < times; index += 1) {
        const started = process.hrtime.bigint();
        await run();
        timings.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    } finally {
      cities.orm.em.getKnex().off('query', count);
    }
    timings.sort((a, b) => a - b);
    return { p50: percentile(timings, 50), p95: percentile(timings, 95), statements: statements / times };
  };
  try {
    for (let warmup = 0; warmup < 3; warmup += 1) await single();
    await bulk();
    const one = await measure(single, iterations);
    const many = await measure(bulk, rounds);
    console.log(
      `Bulk benchmark: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; ` +
        `through the gateway as a partner; real seed plus SYNTHETIC values`,
    );
    console.log('operation'.padEnd(44), 'p50 ms'.padStart(9), 'p95 ms'.padStart(9), 'SQL/op'.padStart(7));
    console.log(
      `recordIndicatorValue (1 row) ×${iterations}`.padEnd(44),
      one.p50.toFixed(1).padStart(9),
      one.p95.toFixed(1).padStart(9),
      one.statements.toFixed(1).padStart(7),
    );
    console.log(
      `recordIndicatorValues (${BULK_ROWS} rows) ×${rounds}`.padEnd(44),
      many.p50.toFixed(1).padStart(9),
      many.p95.toFixed(1).padStart(9),
      many.statements.toFixed(1).padStart(7),
    );
    const ratio = many.p50 / one.p50;
    console.log(
      `ratio (p50 of ${BULK_ROWS} rows / p50 of 1 row): ${ratio.toFixed(1)}× (target ≤ 10×: ${ratio <= 10 ? 'met' : 'NOT met'})`,
    );
  } finally {
    await gateway.close();
    for (const app of apps) await app.close();
    await dropDatabase(server.url, BULK_DATABASE);
    await server.stop();
  }
}
