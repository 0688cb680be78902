import { randomBytes } from 'node:crypto';
import os from 'node:os';

import { Client } from 'pg';

import { percentile } from './bench-support';
import { loadToolsConfig } from './config';
import { openDatabaseServer } from './database-server';
import { ephemeralPorts, startHubProcesses } from './hub-processes';
import { checkSyntheticDatabase, SYNTHETIC_DATABASE } from './synthetic-database';

/** The network report through the gateway: every row and total of the three subgraphs (anonymous visibility). */
export const NETWORK_REPORT_QUERY = `{ networkReport {
  rows { cityId region declarationYear mechanisms cities { policies } events { editionsHosted sessions registrations }
    education { programs enrolled completed } }
  regions { area cities { cities mechanisms policies } events { editionsHosted sessions registrations }
    education { programs enrolled completed } }
  network { cities { cities mechanisms policies } events { editionsHosted sessions registrations }
    education { programs enrolled completed } } } }`;

/**
 * The same aggregates written by hand as one SQL statement over the three schemas, run directly on the database: the
 * baseline the issue compares the gateway with (at most 3×). Published records only, as an anonymous caller sees.
 */
export const NETWORK_REPORT_SQL = `
with c as (
  select id, region, jsonb_array_length(mechanisms) as mechanisms from cities.city
), p as (
  select city_id, count(*) as policies from cities.policy where status = 'PUBLISHED' group by city_id
), fe as (
  select host_city_id as city_id, count(*) as editions from events.forum_edition group by host_city_id
), ev as (
  select e.host_city_id as city_id, count(distinct e.id) as sessions,
         count(r.id) filter (where r.status <> 'CANCELLED') as registrations
  from events.event e left join events.registration r on r.event_id = e.id
  where e.status = 'PUBLISHED' and e.host_city_id is not null group by e.host_city_id
), ed as (
  select pr.city_id, count(distinct pr.id) as programs,
         count(en.id) filter (where en.status <> 'DROPPED') as enrolled,
         count(en.id) filter (where en.status = 'COMPLETED') as completed
  from education.program pr join education.cohort co on co.program_id = pr.id
  left join education.enrollment en on en.cohort_id = co.id
  where pr.status = 'PUBLISHED' and pr.city_id is not null group by pr.city_id
)
select c.region, c.id, grouping(c.region) as is_network, grouping(c.id) as is_total, count(*)::int as cities,
       sum(c.mechanisms)::int as mechanisms, coalesce(sum(p.policies), 0)::int as policies,
       coalesce(sum(fe.editions), 0)::int as editions, coalesce(sum(ev.sessions), 0)::int as sessions,
       coalesce(sum(ev.registrations), 0)::int as registrations, coalesce(sum(ed.programs), 0)::int as programs,
       coalesce(sum(ed.enrolled), 0)::int as enrolled, coalesce(sum(ed.completed), 0)::int as completed
from c left join p on p.city_id = c.id left join fe on fe.city_id = c.id left join ev on ev.city_id = c.id
left join ed on ed.city_id = c.id
group by grouping sets ((c.region, c.id), (c.region), ())`;

export type NetworkTotals = Record<
  | 'cities'
  | 'mechanisms'
  | 'policies'
  | 'editions'
  | 'sessions'
  | 'registrations'
  | 'programs'
  | 'enrolled'
  | 'completed',
  number
>;

export async function rawReport(client: Client): Promise<{ rows: number; network: NetworkTotals }> {
  const rows = (await client.query(NETWORK_REPORT_SQL)).rows as Array<
    NetworkTotals & { is_network: number; is_total: number }
  >;
  const network = rows.find((row) => Number(row.is_network) === 1)!;
  const {
    is_network: _network,
    is_total: _total,
    region: _region,
    id: _id,
    ...totals
  } = network as NetworkTotals & Record<string, unknown>;
  return { rows: rows.filter((row) => Number(row.is_total) === 0).length, network: totals as unknown as NetworkTotals };
}

/** The gateway report's network totals, in the raw SQL's shape, to check both count the same. */
export function gatewayTotals(report: any): NetworkTotals {
  const { cities, events, education } = report.network;
  return {
    cities: cities.cities,
    mechanisms: cities.mechanisms,
    policies: cities.policies,
    editions: events.editionsHosted,
    sessions: events.sessions,
    registrations: events.registrations,
    programs: education.programs,
    enrolled: education.enrolled,
    completed: education.completed,
  };
}

/**
 * `npm run bench -- --report [--iterations 10]`: the whole network report through the gateway against the same
 * aggregates as one hand-written SQL statement run directly, alternately, on the synthetic network. The hub runs as
 * `npm start` runs it, each service in its own process in production mode with its production deadlines and
 * timeouts; the rate limit (one caller asks many times) and load shedding (see below) are lifted. Both must count the same first.
 */
export async function runReportBenchmark(argv: string[]): Promise<void> {
  const iterationsArgument = argv.indexOf('--iterations');
  const iterations = iterationsArgument >= 0 ? Number(argv[iterationsArgument + 1]) : 10;
  const log = (line: string) => console.log(line);
  const config = loadToolsConfig();
  const server = await openDatabaseServer(config, log);
  try {
    const synthetic = await checkSyntheticDatabase(server.url);
    log(`starting the hub on ${SYNTHETIC_DATABASE}, each service in its own process`);
    // Production mode, as deployed (graphql-js, for one, checks less per value there), with secrets of this run only.
    const production = {
      NODE_ENV: 'production',
      HUB_SIGNING_SECRET: randomBytes(32).toString('hex'),
      JWT_SECRET: randomBytes(32).toString('hex'),
    };
    const hub = startHubProcesses({
      databaseUrl: synthetic.url,
      ports: ephemeralPorts(),
      log: () => undefined,
      // No load shedding: the report's rows, region totals and network totals reach each subgraph at once, and on a
      // machine shared with other work one fetch's event-loop block shed its siblings (503) although nothing else
      // was asking; the benchmark measures the report's cost, not the shedding threshold.
      subgraphEnvironment: { ...production, LOAD_SHED_EVENT_LOOP_DELAY_MS: '0' },
      gatewayEnvironment: { ...production, RATE_LIMIT_PUBLIC: '1000000000', LOAD_SHED_EVENT_LOOP_DELAY_MS: '0' },
    });
    const client = new Client({ connectionString: synthetic.url });
    try {
      await hub.ready;
      await client.connect();
      const throughGateway = async () => {
        const response = await fetch(hub.gatewayUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: NETWORK_REPORT_QUERY }),
        });
        const json = (await response.json()) as { data?: { networkReport: unknown }; errors?: unknown };
        if (json.errors || response.status !== 200) {
          throw new Error(`the report failed (HTTP ${response.status}): ${JSON.stringify(json.errors)}`);
        }
        return json.data!.networkReport;
      };
      // Warm-up, and both must count the same before their times are compared.
      for (let warmUp = 0; warmUp < 3; warmUp += 1) await Promise.all([throughGateway(), rawReport(client)]);
      const fromGateway = gatewayTotals(await throughGateway());
      const fromSql = await rawReport(client);
      if (JSON.stringify(fromGateway) !== JSON.stringify(fromSql.network)) {
        throw new Error(
          `the report and the raw SQL differ: ${JSON.stringify(fromGateway)} vs ${JSON.stringify(fromSql.network)}`,
        );
      }
      log(`network totals (gateway = raw SQL, ${fromSql.rows} rows): ${JSON.stringify(fromGateway)}`);
      const timings = { gateway: [] as number[], sql: [] as number[] };
      const time = async (work: () => Promise<unknown>) => {
        const started = performance.now();
        await work();
        return performance.now() - started;
      };
      const loadBefore = os.loadavg()[0]!;
      // Alternately, so that the machine's load weighs on both alike.
      for (let index = 0; index < iterations; index += 1) {
        timings.gateway.push(await time(throughGateway));
        timings.sql.push(await time(() => rawReport(client)));
      }
      const loadAfter = os.loadavg()[0]!;
      log(
        `\n${iterations} alternate runs each after 3 warm-ups; ${os.cpus().length} cores, Node ${process.version}, ` +
          `load average ${loadBefore.toFixed(1)} before and ${loadAfter.toFixed(1)} after; database ` +
          `${config.databaseUrl ? 'DATABASE_URL' : 'embedded PostgreSQL'}`,
      );
      log('| operation (synthetic data) | p50 ms | p95 ms |');
      log('| --- | ---: | ---: |');
      const p50 = { gateway: 0, sql: 0 };
      for (const [name, label] of [
        ['gateway', 'gateway: `networkReport`, every city, each service in its own process'],
        ['sql', 'raw SQL: the same aggregates, one statement'],
      ] as const) {
        p50[name] = percentile(timings[name], 50);
        log(`| ${label} | ${p50[name].toFixed(0)} | ${percentile(timings[name], 95).toFixed(0)} |`);
      }
      log(`\ngateway / raw SQL, p50: ${(p50.gateway / p50.sql).toFixed(2)}× (the issue allows at most 3×)`);
    } finally {
      await client.end().catch(() => undefined);
      await hub.stop();
    }
  } finally {
    await server.stop();
  }
}
