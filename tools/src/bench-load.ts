import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';

import autocannon from 'autocannon';
import { buildSchema, introspectionFromSchema } from 'graphql';
import { Client } from 'pg';

import { SCHEMA_PATH } from '@hrc/gateway';

import { loadToolsConfig, type ToolsConfig } from './config';
import { formatCpuProfileSummary, monotonicMicros, summariseCpuProfile, type CpuProfile } from './cpu-profile';
import { openDatabaseServer, type DatabaseServer } from './database-server';
import { registryPorts, startHubProcesses, type HubPorts, type RunningHub } from './hub-processes';
import { answerData, failedRequests, sameDataAs } from './load-answers';
import { LOAD_OPERATIONS, type IntrospectedSchema, type LoadOperation } from './load-operations';
import { DATA_DIR, REPOSITORY_ROOT } from './paths';
import { postgresDatabaseCpuSeconds, postgresServerCpuSeconds, postmasterOf, processCpuSeconds } from './process-cpu';
import { SUBGRAPHS } from './subgraphs';
import { checkSyntheticDatabase, SYNTHETIC_DATABASE } from './synthetic-database';

const AUTOCANNON_VERSION = (
  JSON.parse(readFileSync(require.resolve('autocannon/package.json'), 'utf8')) as { version: string }
).version;

/** Node's hello-world: a bare node:http server answering a fixed body, the ceiling each operation is compared to. */
const HELLO_WORLD_SERVER = `
const http = require('node:http');
const body = JSON.stringify({ data: { hello: 'world' } });
const server = http.createServer((request, response) => {
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
});
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
process.on('SIGTERM', () => process.exit(0));
`;
const HELLO_WORLD = 'hello-world';

interface LoadOptions {
  operations: LoadOperation[];
  rounds: number;
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
  gatewayEnvironment: Record<string, string>;
  /** Run every service as the Docker image does (NODE_ENV=production), with secrets made for this run. */
  production: boolean;
  profile?: { service: string; directory: string };
  /** Print the start of each operation's checked answer, to see what is being measured. */
  printAnswers: boolean;
}

/** One autocannon run: what it measured and the CPU each process spent meanwhile. */
interface Measurement {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  /** Requests with an error (timeouts included) or an answer other than the checked one (see failedRequests). */
  failures: number;
  cpuSeconds: Record<string, number | null>;
}

interface Target {
  key: string;
  label: string;
  url: string;
  body: string;
  /**
   * The `data` of the answer checked before measuring; every answer under load must carry the same, without errors,
   * or it counts as a failure. Only `data`: `extensions.cost` tells each caller its remaining budget, which changes.
   */
  expectData?: string;
}

function log(line: string) {
  process.stdout.write(`[bench] ${line}\n`);
}

function parseLoadOptions(argv: string[]): LoadOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      load: { type: 'boolean', default: false },
      profile: { type: 'string' },
      operations: { type: 'string' },
      operation: { type: 'string', default: 'a' },
      rounds: { type: 'string', default: '3' },
      duration: { type: 'string' },
      warmup: { type: 'string', default: '3' },
      connections: { type: 'string', default: '10' },
      'gateway-env': { type: 'string', multiple: true, default: [] },
      production: { type: 'boolean', default: false },
      'profile-dir': { type: 'string' },
      'print-answers': { type: 'boolean', default: false },
    },
  });
  const whole = (name: string, value: string | undefined, minimum: number) => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < minimum)
      throw new Error(`--${name} must be a whole number of at least ${minimum}`);
    return number;
  };
  const keys = values.profile
    ? [values.operation!]
    : (values.operations ?? LOAD_OPERATIONS.map((operation) => operation.key).join(',')).split(',');
  const operations = keys.map((key) => {
    const operation = LOAD_OPERATIONS.find((candidate) => candidate.key === key.trim());
    if (!operation)
      throw new Error(
        `unknown operation "${key}"; the operations are ${LOAD_OPERATIONS.map((candidate) => candidate.key).join(', ')}`,
      );
    return operation;
  });
  const gatewayEnvironment: Record<string, string> = {};
  for (const assignment of values['gateway-env']!) {
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(assignment);
    if (!match)
      throw new Error(
        `--gateway-env takes NAME=value, for example --gateway-env GATEWAY_DEDUPLICATION=off (got "${assignment}")`,
      );
    gatewayEnvironment[match[1]!] = match[2]!;
  }
  const services = ['gateway', ...SUBGRAPHS.map((subgraph) => subgraph.name)];
  if (values.profile && !services.includes(values.profile)) {
    throw new Error(`--profile takes a service: ${services.join(', ')}`);
  }
  return {
    operations,
    rounds: values.profile ? 1 : whole('rounds', values.rounds, 1),
    durationSeconds: whole('duration', values.duration ?? (values.profile ? '20' : '10'), 1),
    warmupSeconds: whole('warmup', values.warmup, 0),
    connections: whole('connections', values.connections, 1),
    gatewayEnvironment,
    production: values.production!,
    printAnswers: values['print-answers']!,
    profile: values.profile
      ? {
          service: values.profile,
          directory: path.resolve(
            values['profile-dir'] ?? path.join(DATA_DIR, 'profiles', new Date().toISOString().replace(/[:.]/g, '-')),
          ),
        }
      : undefined,
  };
}

async function countRecords(databaseUrl: string): Promise<Record<string, number>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `select (select count(*) from cities.city)::int as cities, (select count(*) from cities.policy)::int as policies,
              (select count(*) from events.event)::int as events, (select count(*) from events.forum_edition)::int as "forum editions",
              (select count(*) from education.enrollment)::int as enrollments`,
    );
    return rows[0] as Record<string, number>;
  } finally {
    await client.end();
  }
}

/** The ports the caller chose (GATEWAY_PORT, SUBGRAPH_PORT_OFFSET), else free ones, so it runs beside `npm start`. */
export function choosePorts(config: ToolsConfig): HubPorts {
  const chosen = registryPorts(config.gatewayPort, config.subgraphPortOffset);
  // Port 0 for the rest: each service binds a free port and reports it. Picking a free port here and binding it
  // later raced other processes (a benchmark's gateway once found its port taken).
  const subgraphs: Record<string, number> = {};
  for (const subgraph of SUBGRAPHS) {
    subgraphs[subgraph.name] = config.chosenPorts.subgraphOffset !== undefined ? chosen.subgraphs[subgraph.name]! : 0;
  }
  return { gateway: config.chosenPorts.gateway ?? 0, subgraphs };
}

function startHelloWorld(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['-e', HELLO_WORLD_SERVER], {
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const port = Number(output.split('\n')[0]);
      if (output.includes('\n') && port > 0) resolve({ child, url: `http://127.0.0.1:${port}/` });
    });
    child.once('exit', (code) => reject(new Error(`the hello-world server exited with code ${code}`)));
  });
}

async function post(url: string, body: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: response.status, text: await response.text() };
}

/** The `data` of a GraphQL answer as JSON, or undefined when it is not JSON or carries errors. */
/** Sends an operation once (twice, to see whether its answer is stable) and refuses errors before measuring it. */
async function checkTarget(target: Omit<Target, 'expectData'>, printAnswer: boolean): Promise<Target> {
  const first = await post(target.url, target.body);
  if (printAnswer) log(`${target.label} answers (${first.text.length} bytes): ${first.text.slice(0, 1500)}`);
  const parsed = JSON.parse(first.text) as { data?: unknown; errors?: unknown };
  if (first.status !== 200 || parsed.errors || !parsed.data) {
    throw new Error(
      `${target.label} failed before the measurement (HTTP ${first.status}): ${first.text.slice(0, 2000)}`,
    );
  }
  const second = await post(target.url, target.body);
  const data = JSON.stringify(parsed.data);
  return { ...target, expectData: answerData(second.text) === data ? data : undefined };
}

/** An autocannon run, with the start of the first answer that differed from the checked one, if any did. */
async function hammer(
  target: Target,
  options: LoadOptions,
  seconds: number,
): Promise<autocannon.Result & { firstDifferent?: string }> {
  let firstDifferent: string | undefined;
  const sameData = target.expectData ? sameDataAs(target.expectData) : undefined;
  const result = await autocannon({
    url: target.url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: target.body,
    connections: options.connections,
    pipelining: 1,
    duration: seconds,
    timeout: 10,
    ...(sameData
      ? {
          verifyBody: (body?: string | Buffer) => {
            const same = sameData(body);
            if (!same) firstDifferent ??= String(body ?? '').slice(0, 300);
            return same;
          },
        }
      : {}),
  });
  return { ...result, firstDifferent };
}

/** What failed in a run, by kind, to say why an operation's `failed` count is not 0. */
function describeFailures(result: autocannon.Result & { firstDifferent?: string }): string {
  const statuses = Object.entries(result.statusCodeStats ?? {})
    .filter(([status]) => !status.startsWith('2'))
    .map(([status, { count }]) => `${count} × HTTP ${status}`);
  return [
    `${result.errors} errors (${result.timeouts} of them timeouts)`,
    `${result.non2xx} non-2xx${statuses.length > 0 ? ` (${statuses.join(', ')})` : ''}`,
    `${result.mismatches ?? 0} different answers${result.firstDifferent ? `, the first: ${result.firstDifferent}` : ''}`,
  ].join('; ');
}

/**
 * Waits until the hub has finished the requests autocannon left in flight (its processes use under a tenth of a
 * core over 200 ms), at most 15 s, so one operation's tail is not measured as the next one's work.
 */
async function settle(readCpu: () => Record<string, number | null>): Promise<void> {
  const busy = (reading: Record<string, number | null>) =>
    Object.entries(reading)
      .filter(([name]) => name !== 'autocannon' && name !== 'pg server')
      .reduce((sum, [, seconds]) => sum + (seconds ?? 0), 0);
  const deadline = Date.now() + 15_000;
  let previous = busy(readCpu());
  while (Date.now() < deadline) {
    await sleep(200);
    const current = busy(readCpu());
    if (current - previous < 0.02) return;
    previous = current;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const loadAverage = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');

/**
 * `npm run bench -- --load`: the hub as `npm start` runs it (each subgraph and the gateway its own process) on the
 * synthetic database, loaded by autocannon, beside Node's hello-world; see the README's benchmarks section.
 * `npm run bench -- --profile <service>` runs one operation against a service started with `--cpu-prof` and
 * prints its self time by package.
 */
export async function runLoadBenchmark(argv: string[]): Promise<void> {
  const options = parseLoadOptions(argv);
  const config = loadToolsConfig();
  let database: DatabaseServer | undefined;
  let hub: RunningHub | undefined;
  let helloWorld: ChildProcess | undefined;
  let stopping = false;
  const stopAll = async () => {
    if (stopping) return;
    stopping = true;
    await hub?.stop();
    if (helloWorld && helloWorld.exitCode === null && helloWorld.signalCode === null) {
      const exited = new Promise((resolve) => helloWorld!.once('exit', resolve));
      helloWorld.kill('SIGTERM');
      await exited;
    }
    if (database?.embedded) await database.stop().catch(() => undefined);
  };
  const onSignal = () => {
    log('interrupted: stopping the hub');
    void stopAll().then(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // Last resort if the benchmark itself crashes: no service outlives it.
  process.on('exit', () => {
    for (const child of [...(hub?.processes.values() ?? []), ...(helloWorld ? [helloWorld] : [])]) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });

  try {
    database = await openDatabaseServer(config, log);
    const synthetic = await checkSyntheticDatabase(database.url);
    const ports = choosePorts(config);
    if (options.profile) mkdirSync(options.profile.directory, { recursive: true });
    log(
      `starting the hub on ${SYNTHETIC_DATABASE}; the real seed is loaded beside the synthetic data, as npm start does`,
    );
    // Production refuses the published development secrets, so a production run makes its own.
    const mode: Record<string, string> = options.production
      ? { NODE_ENV: 'production', HUB_SIGNING_SECRET: randomBytes(32).toString('hex') }
      : {};
    hub = startHubProcesses({
      databaseUrl: synthetic.url,
      ports,
      log,
      subgraphEnvironment: mode,
      // The load generator is one public caller; it measures throughput, not the rate limit (--gateway-env overrides).
      // The response cache is off unless asked for (--gateway-env RESPONSE_CACHE=true): by default the benchmark
      // measures the read path itself, not cache hits.
      gatewayEnvironment: {
        ...mode,
        ...(options.production ? { JWT_SECRET: randomBytes(32).toString('hex') } : {}),
        RATE_LIMIT_PUBLIC: '1000000000',
        RESPONSE_CACHE: 'false',
        ...options.gatewayEnvironment,
      },
      nodeArguments: (service) =>
        options.profile?.service === service
          ? ['--cpu-prof', `--cpu-prof-dir=${options.profile.directory}`, `--cpu-prof-name=${service}.cpuprofile`]
          : [],
      onUnexpectedExit(service, code) {
        log(`${service} exited unexpectedly (code ${code}): stopping`);
        void stopAll().then(() => process.exit(1));
      },
    });
    await hub.ready;
    // Counted again now that the subgraphs have loaded the real seed beside the synthetic network.
    const sizes = await countRecords(synthetic.url);

    const schema = await readApiSchema(hub.gatewayUrl);
    const targets: Target[] = [];
    const notes: string[] = [];
    for (const operation of options.operations) {
      const query = resolveQuery(operation, schema);
      if (typeof query !== 'string') {
        notes.push(`${operation.label}: skipped, ${query.skip}`);
        continue;
      }
      targets.push(
        await checkTarget(
          {
            key: operation.key,
            label: operation.label,
            url: hub.gatewayUrl,
            body: JSON.stringify({ query, variables: operation.variables }),
          },
          options.printAnswers,
        ),
      );
    }
    if (options.profile) {
      await profileService(options, hub, targets, notes);
      return;
    }
    const hello = await startHelloWorld();
    helloWorld = hello.child;
    targets.unshift(
      await checkTarget(
        {
          key: HELLO_WORLD,
          label: "Node's hello-world (node:http)",
          url: hello.url,
          body: JSON.stringify({ query: '{ hello }' }),
        },
        false,
      ),
    );

    const postmaster = await findPostmaster(synthetic.url);
    const readCpu = () => {
      const seconds: Record<string, number | null> = {};
      for (const service of ['gateway', ...SUBGRAPHS.map((subgraph) => subgraph.name)]) {
        const pid = hub!.processes.get(service)?.pid;
        seconds[service] = pid ? processCpuSeconds(pid) : null;
      }
      seconds[HELLO_WORLD] = hello.child.pid ? processCpuSeconds(hello.child.pid) : null;
      seconds[`pg ${SYNTHETIC_DATABASE}`] = postmaster
        ? postgresDatabaseCpuSeconds(postmaster, SYNTHETIC_DATABASE)
        : null;
      seconds['pg server'] = postmaster ? postgresServerCpuSeconds(postmaster) : null;
      const own = process.cpuUsage();
      seconds['autocannon'] = (own.user + own.system) / 1e6;
      return seconds;
    };

    const header = [
      `Load benchmark: autocannon ${AUTOCANNON_VERSION}, ${options.connections} connections, ${options.durationSeconds} s per operation, ` +
        `${options.rounds} interleaved rounds (each round runs every operation once, in this order), after ${options.warmupSeconds} s of warm-up each; ` +
        'figures are medians across rounds. Anonymous POST /graphql through the gateway.',
      `Data: SYNTHETIC database ${SYNTHETIC_DATABASE}: ${Object.entries(sizes)
        .map(([name, count]) => `${count.toLocaleString('en')} ${name}`)
        .join(', ')} (synthetic data plus the real seed).`,
      `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; ` +
        `PostgreSQL ${config.databaseUrl ? 'from DATABASE_URL' : 'embedded'}${postmaster ? '' : ' (not on this machine: no PostgreSQL CPU figures)'}.`,
      options.production
        ? 'Mode: NODE_ENV=production in every service, as the Docker image runs them (secrets made for this run).'
        : 'Mode: development, as npm start runs the services (--production runs them as the Docker image does).',
      `Gateway environment: ${
        Object.entries(options.gatewayEnvironment)
          .map(([name, value]) => `${name}=${value}`)
          .join(' ') || '(defaults)'
      }.`,
    ];
    for (const line of header) console.log(line);
    for (const note of notes) console.log(`Note: ${note}`);
    console.log(`Load average (1 / 5 / 15 min) before warm-up: ${loadAverage()}`);

    for (const target of targets) {
      if (options.warmupSeconds > 0) await hammer(target, options, options.warmupSeconds);
      await settle(readCpu);
    }
    const measurements = new Map<string, Measurement[]>(targets.map((target) => [target.key, []]));
    const roundLoads: string[] = [];
    for (let round = 1; round <= options.rounds; round += 1) {
      roundLoads.push(loadAverage());
      for (const target of targets) {
        const before = readCpu();
        const result = await hammer(target, options, options.durationSeconds);
        const after = readCpu();
        await settle(readCpu);
        const requests = result.requests.total;
        const cpuSeconds: Record<string, number | null> = {};
        for (const name of Object.keys(before)) {
          const spent = before[name] !== null && after[name] !== null ? after[name]! - before[name]! : null;
          cpuSeconds[name] = spent === null || requests === 0 ? null : (spent / requests) * 1000;
        }
        measurements.get(target.key)!.push({
          rps: result.requests.average,
          p50: result.latency.p50,
          p99: result.latency.p99,
          requests,
          failures: failedRequests(result, target.expectData !== undefined),
          cpuSeconds,
        });
        log(`round ${round}: ${target.label}: ${result.requests.average.toFixed(1)} requests/s`);
        const failures = measurements.get(target.key)!.at(-1)!.failures;
        if (failures > 0) log(`round ${round}: ${target.label}: ${failures} failed: ${describeFailures(result)}`);
      }
    }
    console.log(
      `Load average (1 / 5 / 15 min) at the start of each round: ${roundLoads.join('; ')}; at the end: ${loadAverage()}`,
    );
    printResults(targets, measurements);
  } finally {
    await stopAll();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** The gateway's API schema, from its published SDL: introspection is off in production. */
async function readApiSchema(gatewayUrl: string): Promise<IntrospectedSchema> {
  const response = await fetch(new URL(SCHEMA_PATH, gatewayUrl));
  const text = await response.text();
  if (response.status !== 200)
    throw new Error(`reading the gateway's schema failed (HTTP ${response.status}): ${text.slice(0, 500)}`);
  return introspectionFromSchema(buildSchema(text)).__schema as unknown as IntrospectedSchema;
}

function resolveQuery(operation: LoadOperation, schema: IntrospectedSchema): string | { skip: string } {
  if (operation.requiresRootField) {
    const query = schema.types.find((type) => type.name === schema.queryType.name);
    if (!query?.fields?.some((field) => field.name === operation.requiresRootField)) {
      return { skip: `the schema has no Query.${operation.requiresRootField} yet` };
    }
  }
  return typeof operation.query === 'string' ? operation.query : operation.query(schema);
}

/** The server's postmaster, found through one backend's parent; null when the server is not a local process. */
async function findPostmaster(databaseUrl: string): Promise<number | null> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query('select pg_backend_pid() as pid');
    return postmasterOf(Number((rows[0] as { pid: number }).pid));
  } finally {
    await client.end();
  }
}

function printResults(targets: Target[], measurements: Map<string, Measurement[]>) {
  const helloRps = measurements.get(HELLO_WORLD)!.map((measurement) => measurement.rps);
  const table = (header: string[], rows: string[][]) => {
    const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column]!.length)));
    const line = (cells: string[]) =>
      `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(' | ')} |`;
    console.log(line(header));
    console.log(
      `| ${widths.map((width, column) => (column === 0 ? '-'.repeat(width) : `${'-'.repeat(width - 1)}:`)).join(' | ')} |`,
    );
    for (const row of rows) console.log(line(row));
  };
  console.log('');
  table(
    ['operation', 'requests/s', 'p50 ms', 'p99 ms', 'vs hello-world', 'requests/s by round', 'failed'],
    targets.map((target) => {
      const runs = measurements.get(target.key)!;
      // Each round's ratio to the hello-world of the same round, then the median: both ran under the same load.
      const ratio = median(
        runs.map((run, round) => (run.rps > 0 ? helloRps[round]! / run.rps : Number.POSITIVE_INFINITY)),
      );
      return [
        target.label,
        median(runs.map((run) => run.rps)).toFixed(1),
        String(median(runs.map((run) => run.p50))),
        String(median(runs.map((run) => run.p99))),
        target.key === HELLO_WORLD
          ? '1'
          : Number.isFinite(ratio)
            ? `1/${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(1)}`
            : 'n/a',
        runs.map((run) => run.rps.toFixed(1)).join(' / '),
        `${runs.reduce((sum, run) => sum + run.failures, 0)}${target.expectData ? '' : '*'}`,
      ];
    }),
  );
  console.log(
    'failed: requests with an error (a timeout included) or an answer other than the one checked before measuring (a non-2xx one included), over all rounds (* answer not stable, so not compared: errors and non-2xx answers).',
  );
  console.log('');
  console.log('CPU seconds per 1,000 requests (median across rounds), by process:');
  const processes = Object.keys(measurements.get(targets[0]!.key)![0]!.cpuSeconds);
  table(
    ['operation', ...processes],
    targets.map((target) => {
      const runs = measurements.get(target.key)!;
      return [
        target.label,
        ...processes.map((name) => {
          const values = runs
            .map((run) => run.cpuSeconds[name])
            .filter((value): value is number => value !== null && value !== undefined);
          return values.length === runs.length
            ? median(values).toFixed(values.length && median(values) < 0.1 ? 4 : 3)
            : 'n/a';
        }),
      ];
    }),
  );
  console.log(
    `pg ${SYNTHETIC_DATABASE}: the live PostgreSQL backends connected to ${SYNTHETIC_DATABASE} (the hub's pools); pg server: every PostgreSQL ` +
      'process of the server, including other databases and clients on this machine. autocannon: this process, the load generator.',
  );
}

async function profileService(options: LoadOptions, hub: RunningHub, targets: Target[], notes: string[]) {
  const profile = options.profile!;
  for (const note of notes) console.log(`Note: ${note}`);
  const target = targets[0];
  if (!target) throw new Error('nothing to profile: the operation was skipped');
  console.log(`Load average (1 / 5 / 15 min): ${loadAverage()}`);
  if (options.warmupSeconds > 0) await hammer(target, options, options.warmupSeconds);
  const window = { fromMicros: monotonicMicros(), toMicros: 0 };
  const result = await hammer(target, options, options.durationSeconds);
  window.toMicros = monotonicMicros();
  await hub.stop();
  const file = path.join(profile.directory, `${profile.service}.cpuprofile`);
  const summary = summariseCpuProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, window);
  console.log(
    `CPU profile of the ${profile.service} process under ${target.label}: autocannon ${AUTOCANNON_VERSION}, ${options.connections} connections, ` +
      `${options.durationSeconds} s after ${options.warmupSeconds} s of warm-up, ${result.requests.average.toFixed(1)} requests/s; ` +
      `only samples taken during the measured run count.`,
  );
  console.log(formatCpuProfileSummary(summary));
  console.log(
    `Profile: ${path.relative(REPOSITORY_ROOT, file)} (open it in Chrome DevTools' Performance panel or speedscope).`,
  );
}
