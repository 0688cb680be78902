import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';

import { Client } from 'pg';

import { mintToken } from '@hrc/dev-kit';

import { choosePorts } from './bench-load';
import { percentile } from './bench-support';
import { loadToolsConfig } from './config';
import { openDatabaseServer, type DatabaseServer } from './database-server';
import { startHubProcesses, type RunningHub } from './hub-processes';
import { ensureDatabase, SYNTHETIC_DATABASE } from './synthetic-database';

/** The database of the edge benchmark when there is no synthetic network: the real seed, loaded on start. */
const EDGE_DATABASE = 'hub_edge_bench';

/** The probe: a small public read, timed alone and then under attack. */
const PROBE = '{ city(slug: "gwangju") { name country } }';

/** The 350-byte crash query, 5 levels of first: 100: refused by the gateway's limits. */
function crashQuery(): string {
  let inner = 'id';
  for (let level = 0; level < 5; level += 1) inner = `events(first: 100) { edges { node { hostCity { ${inner} } } } }`;
  return `{ ${inner} }`;
}

/**
 * The most work the public may ask of the hub in one operation under the default limits: a fan-out across two
 * subgraphs just under the public's cost maximum (5,000), and the most full-text searches one operation may carry
 * (10 root fields, the root-field limit).
 */
const WORST_ALLOWED = [
  {
    label: 'events(first: 100) → hostCity → policies(first: 20) → city',
    query: `{ events(first: 100) { totalCount edges { node { title hostCity { name
      policies(first: 20) { totalCount edges { node { title city { name } } } } } } } } }`,
  },
  {
    label: '10 aliased full-text policy searches, first: 100',
    query: `{ ${Array.from(
      { length: 10 },
      (_, index) =>
        `s${index}: policies(first: 100, filter: { search: "${['human rights', 'housing', 'education', 'disability', 'gender'][index % 5]}" }) { totalCount edges { node { title summary } } }`,
    ).join(' ')} }`,
  },
];

interface Answer {
  status: number;
  milliseconds: number;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, any> }>; extensions?: any };
}

async function post(url: string, query: string, token?: string): Promise<Answer> {
  const started = process.hrtime.bigint();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as Answer['body'];
  return { status: response.status, milliseconds: Number(process.hrtime.bigint() - started) / 1e6, body };
}

/** Sends the probe one request at a time (with a short pause, as a dashboard would) until `seconds` have passed. */
async function probe(
  url: string,
  token: string,
  seconds: number,
): Promise<{ latencies: number[]; failures: number; limited: number }> {
  const latencies: number[] = [];
  let failures = 0;
  let limited = 0;
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    try {
      const answer = await post(url, PROBE, token);
      if (answer.status === 429) limited += 1;
      else if (answer.status !== 200 || answer.body.errors) failures += 1;
      else latencies.push(answer.milliseconds);
    } catch {
      failures += 1;
    }
    await sleep(10);
  }
  return { latencies, failures, limited };
}

/** One attacking client: sends its query back to back until told to stop, counting answers by status. */
async function attack(
  url: string,
  query: string,
  stop: { stopped: boolean },
  statuses: Map<number, number>,
  latencies: number[],
) {
  while (!stop.stopped) {
    try {
      const answer = await post(url, query);
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      latencies.push(answer.milliseconds);
    } catch {
      statuses.set(0, (statuses.get(0) ?? 0) + 1);
    }
  }
}

async function databaseFor(server: DatabaseServer): Promise<{ url: string; label: string }> {
  const admin = new Client({ connectionString: server.url });
  await admin.connect();
  try {
    const synthetic = await admin.query('select 1 from pg_database where datname = $1', [SYNTHETIC_DATABASE]);
    if (synthetic.rowCount) {
      return {
        url: await ensureDatabase(server.url, SYNTHETIC_DATABASE),
        label: `${SYNTHETIC_DATABASE} (SYNTHETIC data plus the real seed)`,
      };
    }
  } finally {
    await admin.end();
  }
  return {
    url: await ensureDatabase(server.url, EDGE_DATABASE),
    label: `${EDGE_DATABASE} (the real seed only; run \`npm run seed:synthetic\` for the synthetic network)`,
  };
}

function log(line: string) {
  process.stdout.write(`[bench] ${line}\n`);
}

/**
 * `npm run bench -- --edge [--duration 20] [--clients 4]`: the hub as `npm start` runs it; a small query's p99 alone,
 * then while `clients` clients send the worst refused and the worst allowed queries back to back; prints the ratio.
 * The attackers' rate limit is lifted (RATE_LIMIT_PUBLIC), so this measures the operation limits alone;
 * `--with-rate-limit` keeps the default budgets, under which the attackers (one client address) soon get 429.
 */
export async function runEdgeBenchmark(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      edge: { type: 'boolean', default: false },
      duration: { type: 'string', default: '20' },
      idle: { type: 'string', default: '10' },
      clients: { type: 'string', default: '4' },
      'with-rate-limit': { type: 'boolean', default: false },
    },
  });
  const seconds = Number(values.duration);
  const idleSeconds = Number(values.idle);
  const clients = Number(values.clients);
  if (![seconds, idleSeconds, clients].every((value) => Number.isInteger(value) && value >= 1)) {
    throw new Error('--duration, --idle and --clients take whole numbers of at least 1');
  }
  const config = loadToolsConfig();
  let database: DatabaseServer | undefined;
  let hub: RunningHub | undefined;
  const stopAll = async () => {
    await hub?.stop();
    if (database?.embedded) await database.stop().catch(() => undefined);
  };
  const onSignal = () => void stopAll().then(() => process.exit(130));
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    database = await openDatabaseServer(config, log);
    const target = await databaseFor(database);
    hub = startHubProcesses({
      databaseUrl: target.url,
      ports: choosePorts(config),
      log,
      gatewayEnvironment: values['with-rate-limit'] ? {} : { RATE_LIMIT_PUBLIC: '1000000000' },
      onUnexpectedExit(service, code) {
        log(`${service} exited unexpectedly (code ${code})`);
      },
    });
    await hub.ready;
    const url = hub.gatewayUrl;

    const refused = await post(url, crashQuery());
    const refusal = refused.body.errors?.[0];
    if (refused.status !== 400 || !refusal)
      throw new Error(`the crash query was not refused: ${JSON.stringify(refused.body)}`);
    log(
      `worst refused: the ${crashQuery().length}-byte crash query → ${refused.status} ${refusal.extensions?.code}: ${refusal.message}`,
    );
    for (const allowed of WORST_ALLOWED) {
      const answer = await post(url, allowed.query);
      if (answer.status !== 200 || answer.body.errors) {
        throw new Error(`${allowed.label} failed: ${JSON.stringify(answer.body).slice(0, 1000)}`);
      }
      log(
        `worst allowed: ${allowed.label} → 200, cost ${answer.body.extensions?.cost?.requested}, ${answer.milliseconds.toFixed(0)} ms`,
      );
    }

    // The probe is another caller than the attackers (who share one address): a liaison's token.
    const token = await mintToken(config.jwtSecret, { roles: ['liaison'] });
    await probe(url, token, 2); // warm-up
    const idle = await probe(url, token, idleSeconds);
    const stop = { stopped: false };
    const statuses = { refused: new Map<number, number>(), allowed: new Map<number, number>() };
    const refusals: number[] = [];
    const allowedLatencies: number[] = [];
    const attackers = Array.from({ length: clients }, (_, index) =>
      index % 2 === 0
        ? attack(url, crashQuery(), stop, statuses.refused, refusals)
        : attack(
            url,
            WORST_ALLOWED[Math.floor(index / 2) % WORST_ALLOWED.length]!.query,
            stop,
            statuses.allowed,
            allowedLatencies,
          ),
    );
    const loaded = await probe(url, token, seconds);
    stop.stopped = true;
    await Promise.all(attackers);

    const idleP99 = percentile(idle.latencies, 99);
    const loadedP99 = percentile(loaded.latencies, 99);
    const counts = (map: Map<number, number>) =>
      [...map.entries()].map(([status, count]) => `${count} × ${status === 0 ? 'network error' : status}`).join(', ');
    console.log(
      `Edge benchmark: probe ${PROBE} (a liaison's token), one at a time; ${clients} attacking clients for ${seconds} s (half the worst refused query, half the worst allowed).`,
    );
    console.log(
      `Data: ${target.label}. Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}; load average ${os
        .loadavg()
        .map((value) => value.toFixed(2))
        .join(' / ')}.`,
    );
    console.log(`Rate limit: ${values['with-rate-limit'] ? 'the defaults (one client address for all)' : 'lifted'}.`);
    console.log(`| phase | probes answered | p50 ms | p99 ms | failed | 429 |`);
    console.log(`| --- | ---: | ---: | ---: | ---: | ---: |`);
    for (const [phase, run] of [
      ['idle', idle],
      ['under attack', loaded],
    ] as const) {
      console.log(
        `| ${phase} | ${run.latencies.length} | ${percentile(run.latencies, 50).toFixed(1)} | ${percentile(run.latencies, 99).toFixed(1)} | ${run.failures} | ${run.limited} |`,
      );
    }
    const spread = (values: number[]) =>
      values.length
        ? `p50 ${percentile(values, 50).toFixed(1)} ms, p99 ${percentile(values, 99).toFixed(1)} ms`
        : 'none';
    console.log(
      `Attack answers: refused query ${counts(statuses.refused)} (${spread(refusals)}); ` +
        `allowed queries ${counts(statuses.allowed)} (${spread(allowedLatencies)}).`,
    );
    console.log(`p99 under attack / idle p99: ${(loadedP99 / idleP99).toFixed(2)}× (the goal: under 5×)`);
  } finally {
    await stopAll();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
