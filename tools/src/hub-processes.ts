import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { subgraphUrl, subgraphUrlVariable } from '@hrc/registry';

import { childEnvironment } from './config';
import { REPOSITORY_ROOT } from './paths';
import { SUBGRAPHS } from './subgraphs';

const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 15_000;

export const GATEWAY_MAIN = path.join(REPOSITORY_ROOT, 'gateway', 'dist', 'src', 'main.js');

/** Where each service of the hub listens: the gateway, and every subgraph of the registry by name. */
export interface HubPorts {
  gateway: number;
  subgraphs: Record<string, number>;
}

/** The registry's ports shifted by an offset, as `npm start` runs them (SUBGRAPH_PORT_OFFSET, GATEWAY_PORT). */
export function registryPorts(gatewayPort: number, subgraphPortOffset: number): HubPorts {
  return {
    gateway: gatewayPort,
    subgraphs: Object.fromEntries(SUBGRAPHS.map((subgraph) => [subgraph.name, subgraph.port + subgraphPortOffset])),
  };
}

export interface HubProcessOptions {
  databaseUrl: string;
  ports: HubPorts;
  log(line: string): void;
  /** Added to every subgraph's environment (after the defaults, so it may override them). */
  subgraphEnvironment?: Record<string, string>;
  /** Added to the gateway's environment, for example feature switches a benchmark compares. */
  gatewayEnvironment?: Record<string, string>;
  /** Node options for one service's process, for example `--cpu-prof`. */
  nodeArguments?(service: string): string[];
  /** Called when a service exits while the hub is not stopping. */
  onUnexpectedExit?(service: string, code: number | null): void;
}

export interface RunningHub {
  gatewayUrl: string;
  /** Resolves once every service answers /ready; rejects (having stopped what it started) if one fails or stop() came first. */
  ready: Promise<void>;
  /** Every service's process by name: each subgraph, then `gateway`. */
  processes: ReadonlyMap<string, ChildProcess>;
  /** SIGTERM to every service (SIGKILL after 15 s); resolves when all have exited. Safe to call twice. */
  stop(): Promise<void>;
}

/** Runs a service as its own process, as in production, prefixing its output with its name. */
function startProcess(
  name: string,
  script: string,
  environment: Record<string, string>,
  nodeArguments: string[],
): ChildProcess {
  const child = spawn(process.execPath, [...nodeArguments, script], {
    cwd: REPOSITORY_ROOT,
    env: childEnvironment(environment),
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: Ctrl-C reaches the launcher only, which stops services before PostgreSQL.
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

function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS).unref();
  });
}

/**
 * Starts every subgraph of the registry and then the gateway, each in its own Node process on the given ports,
 * against one database server. Returns at once, so that a signal during start-up can stop what has started; await
 * `ready`.
 */
export function startHubProcesses(options: HubProcessOptions): RunningHub {
  const processes = new Map<string, ChildProcess>();
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= Promise.all([...processes.values()].map(stopProcess)).then(() => undefined);
    return stopping;
  };
  const launch = (name: string, script: string, environment: Record<string, string>) => {
    if (stopping) throw new Error(`the hub was stopped while ${name} was about to start`);
    const child = startProcess(name, script, environment, options.nodeArguments?.(name) ?? []);
    processes.set(name, child);
    child.once('exit', (code) => {
      if (!stopping) options.onUnexpectedExit?.(name, code);
    });
    return child;
  };
  const subgraphUrlOf = (name: string) =>
    subgraphUrl(SUBGRAPHS.find((subgraph) => subgraph.name === name)!.entry, portOf(options.ports, name));

  const start = async () => {
    const shared = { DATABASE_URL: options.databaseUrl, SEED_ON_START: 'real', HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
    await Promise.all(
      SUBGRAPHS.map(async (subgraph) => {
        const port = portOf(options.ports, subgraph.name);
        const child = launch(subgraph.name, subgraph.main, {
          ...shared,
          ...options.subgraphEnvironment,
          PORT: String(port),
        });
        await waitUntilReady(subgraph.name, port, child);
        options.log(`${subgraph.name} subgraph ready on ${subgraphUrlOf(subgraph.name)}`);
      }),
    );
    const subgraphUrls = Object.fromEntries(
      SUBGRAPHS.map((subgraph) => [subgraphUrlVariable(subgraph), subgraphUrlOf(subgraph.name)]),
    );
    const gateway = launch('gateway', GATEWAY_MAIN, {
      ...subgraphUrls,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ...options.gatewayEnvironment,
      PORT: String(options.ports.gateway),
    });
    await waitUntilReady('gateway', options.ports.gateway, gateway);
  };
  const ready = start().catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { gatewayUrl: `http://127.0.0.1:${options.ports.gateway}/graphql`, ready, processes, stop };
}

function portOf(ports: HubPorts, name: string): number {
  const port = ports.subgraphs[name];
  if (port === undefined) throw new Error(`No port given for the ${name} subgraph`);
  return port;
}
