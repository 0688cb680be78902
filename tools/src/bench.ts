import 'reflect-metadata';

import os from 'node:os';
import { parseArgs } from 'node:util';

import { mintToken } from '@hrc/dev-kit';
import { createGatewayApp, loadGatewayConfig } from '@hrc/gateway';
import { ANONYMOUS, encodeIdentityHeader, signGatewayCall } from '@hrc/service-kit';

import { runBulkBenchmark } from './bench-bulk';
import { runEdgeBenchmark } from './bench-edge';
import { runExportBenchmark } from './bench-exports';
import { runLoadBenchmark } from './bench-load';
import { runReportBenchmark } from './bench-report';
import { percentile } from './bench-support';
import { runWebhookBenchmark } from './bench-webhooks';
import { loadToolsConfig } from './config';
import { openDatabaseServer } from './database-server';
import { SUBGRAPHS } from './subgraphs';
import { composeSupergraph, printSubgraphs } from './supergraph';
import { SYNTHETIC_DATABASE, ensureDatabase, openSubgraph } from './synthetic-database';

interface Scenario {
  name: string;
  run(): Promise<unknown>;
}

/**
 * `npm run bench -- [--iterations 50]`: times representative operations against the synthetic network
 * (`npm run seed:synthetic` first), through the real gateway and directly on the subgraph, and prints
 * latency percentiles and SQL statements per operation. Sequential requests on one machine: a baseline,
 * not a load test; `--load` and `--profile <service>` are the load test (bench-load.ts).
 */
async function main() {
  const { values } = parseArgs({
    options: { iterations: { type: 'string', default: '50' } },
  });
  const iterations = Number(values.iterations);
  const tools = loadToolsConfig();
  const server = await openDatabaseServer(tools, () => undefined);
  const url = await ensureDatabase(server.url, SYNTHETIC_DATABASE);
  const apps = [];
  // The gateway and the three subgraphs share this one process and its event loop: one service's lag is not another's
  // overload, so none of them sheds load here (the load mode runs each in its own process, with shedding on).
  const oneProcess = { LOAD_SHED_EVENT_LOOP_DELAY_MS: '0' };
  for (const subgraph of SUBGRAPHS) apps.push(await openSubgraph(subgraph, url, oneProcess));
  const cities = apps.find((app) => app.name === 'cities')!;
  const [{ total }] = (await cities.orm.em
    .getConnection()
    .execute(`select count(*)::int as total from cities.city where slug like 'synthetic-city-%'`)) as Array<{
    total: number;
  }>;
  if (!total) {
    for (const app of apps) await app.close();
    await server.stop();
    throw new Error('no synthetic data: run `npm run seed:synthetic` first');
  }
  const sizes = (await cities.orm.em.getConnection().execute(
    `select (select count(*) from cities.policy)::int as policies, (select count(*) from events.event)::int as events,
            (select count(*) from events.registration)::int as registrations, (select count(*) from education.enrollment)::int as enrollments`,
  )) as Array<Record<string, number>>;
  const addresses = new Map<string, string>();
  for (const app of apps) addresses.set(app.name, (await app.listen(0, '127.0.0.1')).url);
  const citiesAddress = { url: addresses.get('cities')! };
  const supergraphSdl = composeSupergraph(await printSubgraphs((subgraph) => addresses.get(subgraph.name)!));
  const gatewayConfig = loadGatewayConfig({
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    JWT_SECRET: tools.jwtSecret,
    // Sequential timing of one caller, not a test of the rate limit.
    RATE_LIMIT_LIAISON: '1000000000',
    ...oneProcess,
  });
  const gateway = await createGatewayApp(gatewayConfig, { supergraphSdl });
  const gatewayAddress = await gateway.listen(0, '127.0.0.1');
  const token = await mintToken(tools.jwtSecret, { roles: ['liaison'] });

  const throughGateway =
    (query: string, variables?: object, bearer: string | null = token) =>
    async () => {
      const response = await fetch(gatewayAddress.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const json = (await response.json()) as { data?: any; errors?: unknown };
      if (json.errors) throw new Error(JSON.stringify(json.errors));
      return json.data;
    };
  const directly = (query: string, variables?: object) => async () => {
    const body = JSON.stringify({ query, variables });
    const identity = encodeIdentityHeader(ANONYMOUS, 'bench');
    const response = await fetch(citiesAddress.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...signGatewayCall(gatewayConfig.signingSecret, {
          method: 'POST',
          url: citiesAddress.url,
          identityHeader: identity,
          body,
        }),
      },
      body,
    });
    const json = (await response.json()) as { errors?: unknown };
    if (json.errors) throw new Error(JSON.stringify(json.errors));
  };
  const [{ ids }] = (await cities.orm.em
    .getConnection()
    .execute(`select array_agg(id) as ids from (select id from cities.city order by slug limit 50) c`)) as Array<{
    ids: string[];
  }>;

  const scenarios: Scenario[] = [
    {
      name: 'gateway: 100 cities + policies(first: 3) each',
      run: throughGateway(
        `{ cities(first: 100) { totalCount edges { node { slug policies(first: 3) { totalCount edges { node { title } } } } } } }`,
      ),
    },
    {
      name: 'gateway: 20 cities by population',
      run: throughGateway(
        `{ cities(first: 20, orderBy: { field: POPULATION, direction: DESC }) { edges { node { slug population } } } }`,
      ),
    },
    {
      name: 'gateway: policy search "housing", 20 ranked',
      run: throughGateway(
        `{ policies(first: 20, filter: { search: "housing" }) { totalCount edges { node { title city { name } } } } }`,
      ),
    },
    {
      name: 'gateway: policies by theme and SDG, 50',
      run: throughGateway(
        `{ policies(first: 50, filter: { theme: EDUCATION, sdg: 4 }) { totalCount edges { node { title } } } }`,
      ),
    },
    {
      name: 'gateway: events with sign language, 50',
      run: throughGateway(
        `{ events(first: 50, filter: { accessibility: SIGN_LANGUAGE }) { totalCount edges { node { title startsAt hostCity { name } } } } }`,
      ),
    },
    {
      name: 'gateway: 100 cities + educationReach(2023)',
      run: throughGateway(
        `{ cities(first: 100) { edges { node { slug educationReach(year: 2023) { enrolled completed completionRate } } } } }`,
      ),
    },
    {
      name: 'subgraph: _entities, 50 cities',
      run: directly(`query($r: [_Any!]!) { _entities(representations: $r) { ... on City { slug name } } }`, {
        r: ids.map((id) => ({ __typename: 'City', id })),
      }),
    },
  ];

  const [size] = sizes;
  console.log(
    `Benchmark: ${iterations} sequential runs per operation after 3 warm-ups; SYNTHETIC data: ${total} cities, ` +
      `${size!.policies} policies, ${size!.events} events, ${size!.registrations} registrations, ${size!.enrollments} enrollments`,
  );
  console.log(
    `Machine: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; database ${tools.databaseUrl ? 'DATABASE_URL' : 'embedded PostgreSQL'}`,
  );
  console.log(
    'operation'.padEnd(48),
    'p50 ms'.padStart(8),
    'p95 ms'.padStart(8),
    'mean ms'.padStart(8),
    'SQL/op'.padStart(7),
  );
  console.log('(SQL/op counts statements in all subgraphs; timings are wall-clock through HTTP on this machine)');

  try {
    for (const scenario of scenarios) {
      for (let warmup = 0; warmup < 3; warmup += 1) await scenario.run();
      let statements = 0;
      const count = () => (statements += 1);
      for (const app of apps) app.orm.em.getKnex().on('query', count);
      const timings: number[] = [];
      for (let index = 0; index < iterations; index += 1) {
        const started = process.hrtime.bigint();
        await scenario.run();
        timings.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      for (const app of apps) app.orm.em.getKnex().off('query', count);
      timings.sort((a, b) => a - b);

      const mean = timings.reduce((sum, value) => sum + value, 0) / timings.length;
      console.log(
        scenario.name.padEnd(48),
        percentile(timings, 50).toFixed(1).padStart(8),
        percentile(timings, 95).toFixed(1).padStart(8),
        mean.toFixed(1).padStart(8),
        (statements / iterations).toFixed(1).padStart(7),
      );
    }
  } finally {
    await gateway.close();
    for (const app of apps) await app.close();
    await server.stop();
  }
}

const argv = process.argv.slice(2);
const run = argv.includes('--webhooks')
  ? () => runWebhookBenchmark(argv)
  : argv.includes('--report')
    ? () => runReportBenchmark(argv)
    : argv.includes('--bulk')
      ? () => runBulkBenchmark(argv)
      : argv.includes('--exports')
        ? runExportBenchmark
        : argv.includes('--edge')
          ? () => runEdgeBenchmark(argv)
          : argv.includes('--load') ||
              argv.some((argument) => argument === '--profile' || argument.startsWith('--profile='))
            ? () => runLoadBenchmark(argv)
            : main;
run().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
