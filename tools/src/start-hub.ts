import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { subgraphUrl, subgraphUrlVariable } from '@hrc/registry';
import { ConfigurationError } from '@hrc/service-kit';

import { childEnvironment, loadToolsConfig } from './config';
import { openDatabaseServer, type DatabaseServer } from './database-server';
import { DEFAULT_PARTNER_ORGANIZATION, developmentToken } from './development-tokens';
import { REPOSITORY_ROOT } from './paths';
import { SUBGRAPHS } from './subgraphs';

const READY_TIMEOUT_MS = 120_000;

function log(line: string) {
  process.stdout.write(`[hub] ${line}\n`);
}

/** Runs a service as its own process, as in production, prefixing its output with its name. */
function startProcess(name: string, script: string, environment: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [script], {
    cwd: REPOSITORY_ROOT,
    env: childEnvironment(environment),
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: Ctrl-C reaches the hub only, which stops services before PostgreSQL.
    detached: true,
  });
  const prefix = (stream: NodeJS.ReadableStream, target: NodeJS.WritableStream) => {
    let pending = '';
    stream.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) target.write(`[${name}] ${line}\n`);
    });
  };
  prefix(child.stdout!, process.stdout);
  prefix(child.stderr!, process.stderr);
  return child;
}

async function waitUntilReady(name: string, port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} while starting`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`${name} was not ready after ${READY_TIMEOUT_MS / 1000} s`);
}

/**
 * `npm start`: PostgreSQL (embedded unless DATABASE_URL is set), every subgraph and the gateway, each in its own
 * process. Subgraphs migrate and load the real seed once; SIGINT or SIGTERM stops everything, PostgreSQL last.
 */
async function main() {
  const config = loadToolsConfig();
  const children = new Map<string, ChildProcess>();
  let database: DatabaseServer | undefined;
  let stopping = false;

  const stopAll = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    log('stopping');
    await Promise.all(
      [...children.entries()].map(
        ([, child]) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
          }),
      ),
    );
    if (database?.embedded) {
      log('stopping embedded PostgreSQL');
      await database.stop().catch(() => undefined);
    }
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    database = await openDatabaseServer(config, log);
    const shared = { DATABASE_URL: database.url, SEED_ON_START: 'real', HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
    await Promise.all(
      SUBGRAPHS.map(async (subgraph) => {
        const name = subgraph.name;
        const port = subgraph.port + config.subgraphPortOffset;
        const child = startProcess(name, subgraph.main, { ...shared, PORT: String(port) });
        children.set(name, child);
        child.once('exit', (code) => {
          if (!stopping) {
            log(`${name} exited unexpectedly (code ${code})`);
            void stopAll(1);
          }
        });
        await waitUntilReady(name, port, child);
        log(`${name} subgraph ready on ${subgraphUrl(subgraph.entry, port)}`);
      }),
    );
    const subgraphUrls = Object.fromEntries(
      SUBGRAPHS.map((subgraph) => [
        subgraphUrlVariable(subgraph),
        subgraphUrl(subgraph.entry, subgraph.port + config.subgraphPortOffset),
      ]),
    );
    const gateway = startProcess('gateway', path.join(REPOSITORY_ROOT, 'gateway', 'dist', 'src', 'main.js'), {
      ...subgraphUrls,
      PORT: String(config.gatewayPort),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    });
    children.set('gateway', gateway);
    gateway.once('exit', (code) => {
      if (!stopping) {
        log(`gateway exited unexpectedly (code ${code})`);
        void stopAll(1);
      }
    });
    await waitUntilReady('gateway', config.gatewayPort, gateway);
    const tokens = await Promise.all(
      (['partner', 'liaison', 'secretariat'] as const).map(async (role) => [
        role,
        await developmentToken(config.jwtSecret, { role }),
      ]),
    );
    process.stdout.write(
      [
        '',
        `The hub is running: http://localhost:${config.gatewayPort}/graphql`,
        '',
        'Development tokens (send as "Authorization: Bearer <token>"; valid 12 hours):',
        ...tokens.map(
          ([role, token]) =>
            `  ${role}${role === 'partner' ? ` (${DEFAULT_PARTNER_ORGANIZATION})` : ''}:\n    ${token}`,
        ),
        '',
        'More: npm run token -- --role partner --org <organisation slug>. Stop with Ctrl-C.',
        '',
      ].join('\n'),
    );
  } catch (error) {
    process.stderr.write(
      `[hub] ${error instanceof ConfigurationError ? error.message : error instanceof Error ? error.stack : String(error)}\n`,
    );
    await stopAll(1);
  }
}

void main();
