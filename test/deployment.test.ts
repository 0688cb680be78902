import 'reflect-metadata';

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { parse } from 'yaml';

import { createTestDatabase, type TestDatabase } from '@hrc/dev-kit/testing';
import { GATEWAY_PORT, subgraphUrlVariable } from '@hrc/registry';
import { listeningPort, SUBGRAPHS } from '@hrc/tools';

/**
 * What can be checked of the container deployment without a Docker engine: the compose file's shape and its match
 * with the registry of subgraphs (and, where docker-compose is installed, its validation), the Dockerfile's targets,
 * and the compiled production start that every container runs (`node <service>/dist/src/main.js` with
 * NODE_ENV=production).
 */

const ROOT = path.resolve(__dirname, '..');
const SECRET = 'deployment-test-signing-secret-0123456789';
const JWT_SECRET = 'deployment-test-jwt-secret-0123456789abcdef';

interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string; target?: string; args?: Record<string, string | number> };
  environment?: Record<string, string | number | null>;
  ports?: unknown[];
  expose?: unknown[];
  container_name?: string;
  depends_on?: Record<string, { condition?: string }>;
  healthcheck?: { test?: string[] | string };
  volumes?: string[];
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
  [key: string]: unknown;
}

const compose = parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as ComposeFile;
const dockerfile = readFileSync(path.join(ROOT, 'docker', 'Dockerfile'), 'utf8');
const appServices = Object.entries(compose.services).filter(([name]) => name !== 'postgres');
const subgraphServices = appServices.filter(([name]) => name !== 'gateway');

/** The Dockerfile's stages by name, each with its own lines. */
function dockerfileStages(): Map<string, string> {
  const stages = new Map<string, string>();
  const parts = dockerfile.split(/^(?=FROM\s)/im).filter((part) => /^FROM\s/i.test(part));
  for (const part of parts) {
    const name = /^FROM\s+\S+\s+AS\s+(\S+)/i.exec(part)?.[1];
    if (name) stages.set(name, part);
  }
  return stages;
}

function healthcheckText(service: ComposeService): string {
  const test = service.healthcheck?.test;
  return Array.isArray(test) ? test.join(' ') : String(test ?? '');
}

/** Docker Compose v2 or Debian's docker-compose 1.29, whichever is installed; neither is needed to run the tests. */
function composeCommand(): string[] | undefined {
  if (spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' }).status === 0) return ['docker', 'compose'];
  if (spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0) return ['docker-compose'];
  return undefined;
}

describe('docker-compose.yml', () => {
  test('has no top-level name: or container names, so docker-compose 1.29 reads it and services scale', () => {
    expect(Object.keys(compose)).not.toContain('name');
    for (const [, service] of Object.entries(compose.services)) expect(service.container_name).toBeUndefined();
  });

  test('runs PostgreSQL from a pinned official image with a named volume and a pg_isready healthcheck', () => {
    const postgres = compose.services.postgres!;
    expect(postgres.image).toMatch(/^postgres:\d+\.\d+/);
    expect(healthcheckText(postgres)).toContain('pg_isready');
    const volume = postgres.volumes?.[0]?.split(':')[0];
    expect(volume && compose.volumes && volume in compose.volumes).toBeTruthy();
    expect(postgres.ports).toBeUndefined();
  });

  test('builds every other service from docker/Dockerfile at a target that exists', () => {
    const stages = dockerfileStages();
    for (const [name, service] of appServices) {
      expect({ name, context: service.build?.context, dockerfile: service.build?.dockerfile }).toEqual({
        name,
        context: '.',
        dockerfile: 'docker/Dockerfile',
      });
      expect(stages.has(service.build?.target ?? '')).toBe(true);
    }
  });

  test('gives every service a healthcheck on /ready and waits for healthy dependencies', () => {
    for (const [name, service] of appServices) {
      expect({ name, healthcheck: healthcheckText(service) }).toEqual({
        name,
        healthcheck: expect.stringContaining('/ready'),
      });
      const dependencies = Object.values(service.depends_on ?? {});
      expect(dependencies.length).toBeGreaterThan(0);
      for (const dependency of dependencies) expect(dependency.condition).toBe('service_healthy');
    }
  });

  test('publishes a port for the gateway only', () => {
    const publishing = Object.entries(compose.services)
      .filter(([, service]) => service.ports !== undefined)
      .map(([name]) => name);
    expect(publishing).toEqual(['gateway']);
  });

  test('runs every service in production mode on all interfaces, seeding at start, with secrets from the environment', () => {
    for (const [name, service] of appServices) {
      const environment = service.environment ?? {};
      expect({ name, NODE_ENV: environment.NODE_ENV, HOST: environment.HOST }).toEqual({
        name,
        NODE_ENV: 'production',
        HOST: '0.0.0.0',
      });
      // A required interpolation: compose refuses to start without it, and no value is committed.
      expect(String(environment.HUB_SIGNING_SECRET)).toMatch(/^\$\{HUB_SIGNING_SECRET:\?/);
      if (name !== 'gateway') {
        expect(String(environment.DATABASE_URL)).toContain('${POSTGRES_PASSWORD:?');
        expect(String(environment.SEED_ON_START)).toMatch(/real/);
      }
    }
  });

  describe('matches the registry of subgraphs (services/registry) exactly', () => {
    const gateway = compose.services.gateway!;
    const gatewayEnvironment = gateway.environment ?? {};

    test('one service per registry subgraph, and no other besides postgres and the gateway', () => {
      const registered = SUBGRAPHS.map((subgraph) => subgraph.name).sort();
      const composed = subgraphServices.map(([name]) => name).sort();
      const missing = registered
        .filter((name) => !composed.includes(name))
        .map((name) => `the registry's subgraph "${name}" has no service`);
      const extra = composed
        .filter((name) => !registered.includes(name))
        .map((name) => `service "${name}" is not in the registry`);
      expect([...missing, ...extra]).toEqual([]);
    });

    test.each(SUBGRAPHS.map((subgraph) => [subgraph.name, subgraph] as const))(
      '%s: built by the generic subgraph target with SERVICE set, on its registry port',
      (name, subgraph) => {
        const service = compose.services[name];
        expect({
          target: service?.build?.target,
          SERVICE: service?.build?.args?.SERVICE,
          PORT: Number(service?.environment?.PORT),
        }).toEqual({
          target: 'subgraph',
          SERVICE: name,
          PORT: subgraph.port,
        });
      },
    );

    test("the gateway's <NAME>_SUBGRAPH_URLs name every registry subgraph by service and port, and nothing else", () => {
      const urls = Object.fromEntries(
        Object.entries(gatewayEnvironment).filter(([variable]) => variable.endsWith('_SUBGRAPH_URL')),
      );
      expect(urls).toEqual(
        Object.fromEntries(
          SUBGRAPHS.map((subgraph) => [
            subgraphUrlVariable(subgraph),
            `http://${subgraph.name}:${subgraph.port}/graphql`,
          ]),
        ),
      );
    });

    test('the gateway waits for every subgraph and listens on the registry port it publishes', () => {
      expect(Object.keys(gateway.depends_on ?? {}).sort()).toEqual(SUBGRAPHS.map((subgraph) => subgraph.name).sort());
      expect(Number(gatewayEnvironment.PORT)).toBe(GATEWAY_PORT);
      expect((gateway.ports ?? []).map((mapping) => Number(String(mapping).split(':').at(-1)))).toEqual([GATEWAY_PORT]);
    });
  });

  test('leaves the secrets out of .env.example', () => {
    const example = readFileSync(path.join(ROOT, '.env.example'), 'utf8');
    for (const variable of ['POSTGRES_PASSWORD', 'HUB_SIGNING_SECRET']) {
      expect(example).toMatch(new RegExp(`^${variable}=$`, 'm'));
    }
    expect(example).not.toMatch(/^JWT_SECRET=./m);
  });

  const command = composeCommand();
  const whenCompose = command ? test : test.skip;
  if (!command) {
    // Visible in the run's output as a skipped test; install Debian's docker-compose to run it.
    console.warn('deployment.test: neither `docker compose` nor `docker-compose` is installed; skipping `config -q`');
  }

  whenCompose('passes `docker-compose config -q`, and fails it when a secret is missing', () => {
    const [program, ...prefix] = command!;
    const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' };
    const filled = {
      ...base,
      POSTGRES_PASSWORD: 'compose-validation',
      HUB_SIGNING_SECRET: SECRET,
      JWT_JWKS_URL: 'https://id.example.org/jwks',
    };
    const args = [...prefix, '--project-directory', ROOT, '-f', path.join(ROOT, 'docker-compose.yml'), 'config', '-q'];
    const valid = spawnSync(program!, args, { cwd: ROOT, env: filled, encoding: 'utf8' });
    expect({ status: valid.status, stderr: valid.stderr }).toEqual({ status: 0, stderr: '' });
    const { HUB_SIGNING_SECRET: _omitted, ...withoutSecret } = filled;
    const invalid = spawnSync(program!, args, { cwd: ROOT, env: withoutSecret, encoding: 'utf8' });
    expect(invalid.status).not.toBe(0);
    expect(invalid.stderr).toContain('HUB_SIGNING_SECRET');
  });
});

describe('docker/Dockerfile', () => {
  const stages = dockerfileStages();

  test('builds with npm ci and tsc, and runs production dependencies as a non-root user', () => {
    const build = stages.get('build') ?? '';
    expect(build).toMatch(/RUN npm ci\b/);
    expect(build).toMatch(/npm run build/);
    const runtime = stages.get('runtime') ?? '';
    expect(runtime).toMatch(/npm ci --omit=dev/);
    expect(runtime).toMatch(/NODE_ENV=production/);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^HEALTHCHECK [\s\S]*\/ready/m);
    // The same probe as docker-compose.yml's, which the production-start tests below run against real processes.
    const composeProbe = compose.services.gateway!.healthcheck!.test as string[];
    expect(composeProbe.slice(0, 3)).toEqual(['CMD', 'node', '-e']);
    expect(runtime).toContain(`CMD ["node", "-e", ${JSON.stringify(composeProbe[3])}]`);
    for (const [name, service] of appServices)
      expect({ name, probe: service.healthcheck?.test }).toEqual({ name, probe: composeProbe });
  });

  test('writes no port: each service defaults its own from the registry', () => {
    expect(dockerfile).not.toMatch(/^\s*(ENV\s+PORT\b|EXPOSE\b)/m);
  });

  test('starts the gateway, and any registry subgraph named by SERVICE, from its compiled entry point', () => {
    expect(stages.get('gateway')).toContain('CMD ["node", "gateway/dist/src/main.js"]');
    const subgraph = stages.get('subgraph') ?? '';
    expect(subgraph).toMatch(/^ARG SERVICE$/m);
    // Shell form, to expand SERVICE at start; exec, so node is PID 1 and receives SIGTERM.
    const command = /^CMD exec node "(services\/\$\{SERVICE\}\/dist\/src\/main\.js)"$/m.exec(subgraph)?.[1];
    expect(command).toBeDefined();
    const entryPoints = [path.join(ROOT, 'gateway/dist/src/main.js')];
    for (const registered of SUBGRAPHS) {
      const main = command!.replace('${SERVICE}', registered.name);
      expect(path.join(ROOT, main)).toBe(registered.main);
      entryPoints.push(registered.main);
    }
    // Built by `npm test` (and by `npx tsc -b` before running this file alone).
    for (const main of entryPoints) expect({ main, exists: existsSync(main) }).toEqual({ main, exists: true });
  });

  test('is fed a build context without host builds, dependencies or secrets', () => {
    const ignored = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim());
    for (const pattern of ['**/node_modules', '**/dist', '**/*.tsbuildinfo', '**/.data', '.git', '.env']) {
      expect(ignored).toContain(pattern);
    }
  });
});

interface Started {
  child: ChildProcess;
  output(): string;
  exit: Promise<number | null>;
}

function startCompiled(main: string, environment: Record<string, string>): Started {
  const child = spawn(process.execPath, [path.join(ROOT, main)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...environment },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exit };
}

async function waitUntilReady(started: Started, timeoutMs = 45_000): Promise<number> {
  let exited = false;
  void started.exit.then(() => (exited = true));
  const deadline = Date.now() + timeoutMs;
  // Started on port 0, the service reports the port it bound over IPC, as npm start's services do.
  const port = await listeningPort('the service', started.child, timeoutMs).catch((error: Error) => {
    throw new Error(`${error.message}:\n${started.output()}`);
  });
  while (Date.now() < deadline) {
    if (exited) throw new Error(`exited before it was ready:\n${started.output()}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/ready`);
      if (response.status === 200) return port;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`not ready within ${timeoutMs} ms:\n${started.output()}`);
}

/** Runs a service's compose healthcheck (`CMD node -e ...`) here, as Docker would inside its container. */
function runHealthcheck(service: string, port: number): number | null {
  const test = compose.services[service]!.healthcheck?.test;
  if (!Array.isArray(test) || test[0] !== 'CMD' || test[1] !== 'node')
    throw new Error(`${service}: not a node healthcheck`);
  const result = spawnSync(process.execPath, test.slice(2), { env: { PORT: String(port) }, timeout: 10_000 });
  return result.status;
}

async function stop(started: Started): Promise<number | null> {
  if (started.child.exitCode === null && started.child.signalCode === null) started.child.kill('SIGTERM');
  return started.exit;
}

describe('compiled production start (what each container runs)', () => {
  const running: Started[] = [];
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    for (const started of running) if (started.child.exitCode === null) started.child.kill('SIGKILL');
    await Promise.all(databases.map((database) => database.drop()));
  });

  test.each(SUBGRAPHS.map((subgraph) => [subgraph.name, subgraph] as const))(
    '%s migrates, seeds, becomes ready, refuses unsigned calls and stops cleanly on SIGTERM',
    async (name, subgraph) => {
      const database = await createTestDatabase(`deployment_${name}`);
      databases.push(database);
      const started = startCompiled(path.relative(ROOT, subgraph.main), {
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'warn',
        DATABASE_URL: database.url,
        DATABASE_POOL_MAX: '4',
        HUB_SIGNING_SECRET: SECRET,
        SEED_ON_START: 'real',
        SHUTDOWN_GRACE_MS: '2000',
      });
      running.push(started);
      const port = await waitUntilReady(started);

      const unsigned = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(unsigned.status).toBe(401);
      expect(runHealthcheck(name, port)).toBe(0);

      expect(await stop(started)).toBe(0);
      expect(runHealthcheck(name, port)).toBe(1);
    },
  );

  test('the gateway starts from the committed supergraph, refuses a bad token and stops cleanly', async () => {
    const started = startCompiled('gateway/dist/src/main.js', {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'warn',
      HUB_SIGNING_SECRET: SECRET,
      JWT_SECRET,
      SHUTDOWN_GRACE_MS: '2000',
    });
    running.push(started);
    const port = await waitUntilReady(started);

    const forged = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer not-a-token' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(forged.status).toBe(401);
    expect(runHealthcheck('gateway', port)).toBe(0);

    expect(await stop(started)).toBe(0);
  });

  test('the gateway refuses to start in production without HUB_SIGNING_SECRET', async () => {
    const started = startCompiled('gateway/dist/src/main.js', {
      NODE_ENV: 'production',
      PORT: '0',
      JWT_SECRET,
    });
    running.push(started);
    expect(await started.exit).toBe(1);
    expect(started.output()).toContain('HUB_SIGNING_SECRET');
  });
});
