import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { subgraphUrl, subgraphUrlVariable } from '@hrc/registry';
import type { ListeningMessage } from '@hrc/service-kit';

import { childEnvironment } from './config';
import { REPOSITORY_ROOT } from './paths';
import { SUBGRAPHS } from './subgraphs';

const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 15_000;
/** Restart delays after a crash: doubling from the first to the last, reset once a process has run for a minute. */
const RESTART_BACKOFF_MS = { first: 500, max: 30_000, stableAfter: 60_000 };

export const GATEWAY_MAIN = path.join(REPOSITORY_ROOT, 'gateway', 'dist', 'src', 'main.js');

/** Where each service of the hub listens: the gateway, and every subgraph of the registry by name; 0 for a free port. */
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

/** Every service on a free port, each reporting the port it bound: nothing can take a port between pick and bind. */
export function ephemeralPorts(): HubPorts {
  return { gateway: 0, subgraphs: Object.fromEntries(SUBGRAPHS.map((subgraph) => [subgraph.name, 0])) };
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
  /** Called when a service exits while the hub is not stopping (and, with `restartSubgraphs`, is not the subgraph restarted). */
  onUnexpectedExit?(service: string, code: number | null): void;
  /** Restart a subgraph that exits once the hub is ready, with backoff, instead of reporting it (npm start). */
  restartSubgraphs?: boolean;
}

export interface RunningHub {
  /** The gateway's GraphQL URL; with gateway port 0, known once `ready` resolves. */
  readonly gatewayUrl: string;
  /** Resolves once every service answers /ready; rejects (having stopped what it started) if one fails or stop() came first. */
  ready: Promise<void>;
  /** Every service's current process by name: each subgraph, then `gateway`. */
  processes: ReadonlyMap<string, ChildProcess>;
  /** SIGTERM to every service (SIGKILL after 15 s); resolves when all have exited. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * V8 flags every service runs with, as the Dockerfile's NODE_OPTIONS gives them in production. A GraphQL service
 * allocates many short-lived objects per request (a report's 5,000 entities, their promises), which outgrow V8's
 * default 16 MB young generation and are copied again and again: 64 MB cut the events subgraph's CPU for a
 * 5,000-row report fetch by about 45 %, and 128 MB the whole report's time by a further 15 % in three paired runs
 * (256 MB was slower again); README, "The network report against raw SQL". It costs up to 384 MB of memory per process.
 */
export const SERVICE_NODE_ARGUMENTS = ['--max-semi-space-size=128'];

/** Runs a service as its own process, as in production, prefixing its output with its name. */
function startProcess(
  name: string,
  script: string,
  environment: Record<string, string>,
  nodeArguments: string[],
): ChildProcess {
  const child = spawn(process.execPath, [...SERVICE_NODE_ARGUMENTS, ...nodeArguments, script], {
    cwd: REPOSITORY_ROOT,
    env: childEnvironment(environment),
    // The IPC channel carries the port the service bound (see runService).
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
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

/** The port a service started with an IPC channel reports once it listens (see runService); rejects if it exits first. */
export function listeningPort(name: string, child: ChildProcess, timeoutMs = READY_TIMEOUT_MS): Promise<number> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: Partial<ListeningMessage>) => {
      if (message?.type !== 'listening' || typeof message.port !== 'number') return;
      cleanup();
      resolve(message.port);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`${name} exited with code ${code} while starting`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`${name} did not listen within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Waits until the service listens and answers /ready; resolves with its port. */
async function waitUntilReady(name: string, child: ChildProcess): Promise<number> {
  const port = await listeningPort(name, child);
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} while starting`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/ready`);
      if (response.ok) return port;
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
 * Starts every subgraph of the registry and then the gateway, each in its own Node process on the given ports (0: a
 * free port, which the process reports back), against one database server. Returns at once, so that a signal during
 * start-up can stop what has started; await `ready`. With `restartSubgraphs`, a subgraph that dies after start-up is
 * started again on its port, with backoff, while the gateway keeps serving the others.
 */
export function startHubProcesses(options: HubProcessOptions): RunningHub {
  const processes = new Map<string, ChildProcess>();
  const boundPorts = new Map<string, number>();
  let stopping: Promise<void> | undefined;
  let started = false;
  const restartTimers = new Set<NodeJS.Timeout>();
  const stop = () => {
    if (!stopping) restartTimers.forEach(clearTimeout);
    stopping ??= Promise.all([...processes.values()].map(stopProcess)).then(() => undefined);
    return stopping;
  };
  const shared = { DATABASE_URL: options.databaseUrl, SEED_ON_START: 'real', HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  const subgraphEnvironment = (port: number) => ({ ...shared, ...options.subgraphEnvironment, PORT: String(port) });
  const subgraphUrlOf = (name: string) =>
    subgraphUrl(SUBGRAPHS.find((subgraph) => subgraph.name === name)!.entry, boundPorts.get(name)!);

  const launch = (name: string, script: string, environment: Record<string, string>, restart?: () => void) => {
    if (stopping) throw new Error(`the hub was stopped while ${name} was about to start`);
    const child = startProcess(name, script, environment, options.nodeArguments?.(name) ?? []);
    processes.set(name, child);
    child.once('exit', (code) => {
      if (stopping) return;
      if (restart && started) restart();
      else options.onUnexpectedExit?.(name, code);
    });
    return child;
  };

  /** Keeps one subgraph running: on a crash, starts it again on the same port after a growing delay. */
  const superviseSubgraph = (subgraph: (typeof SUBGRAPHS)[number]) => {
    let delay = RESTART_BACKOFF_MS.first;
    let startedAt = Date.now();
    const restart = () => {
      if (Date.now() - startedAt > RESTART_BACKOFF_MS.stableAfter) delay = RESTART_BACKOFF_MS.first;
      options.log(`${subgraph.name} exited unexpectedly; restarting in ${delay} ms`);
      const timer = setTimeout(() => {
        restartTimers.delete(timer);
        if (stopping) return;
        startedAt = Date.now();
        const port = boundPorts.get(subgraph.name)!;
        const child = launch(subgraph.name, subgraph.main, subgraphEnvironment(port), restart);
        waitUntilReady(subgraph.name, child).then(
          () =>
            options.log(`${subgraph.name} subgraph restarted on ${subgraphUrlOf(subgraph.name)} (pid ${child.pid})`),
          (error: unknown) => options.log(`${subgraph.name} did not come back: ${String(error)}`),
        );
      }, delay);
      restartTimers.add(timer);
      delay = Math.min(delay * 2, RESTART_BACKOFF_MS.max);
    };
    return options.restartSubgraphs ? restart : undefined;
  };

  const start = async () => {
    await Promise.all(
      SUBGRAPHS.map(async (subgraph) => {
        const child = launch(
          subgraph.name,
          subgraph.main,
          subgraphEnvironment(portOf(options.ports, subgraph.name)),
          superviseSubgraph(subgraph),
        );
        boundPorts.set(subgraph.name, await waitUntilReady(subgraph.name, child));
        options.log(`${subgraph.name} subgraph ready on ${subgraphUrlOf(subgraph.name)} (pid ${child.pid})`);
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
    boundPorts.set('gateway', await waitUntilReady('gateway', gateway));
    started = true;
  };
  const ready = start().catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return {
    get gatewayUrl() {
      return `http://127.0.0.1:${boundPorts.get('gateway') ?? options.ports.gateway}/graphql`;
    },
    ready,
    processes,
    stop,
  };
}

function portOf(ports: HubPorts, name: string): number {
  const port = ports.subgraphs[name];
  if (port === undefined) throw new Error(`No port given for the ${name} subgraph`);
  return port;
}
