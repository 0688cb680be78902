import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { REPOSITORY_ROOT } from '../src/paths';

/**
 * `npm start` as a user runs it: the compiled launcher with no DATABASE_URL, so it starts its own embedded
 * PostgreSQL. GATEWAY_PORT=0 puts every service on a port it binds itself and reports back, so it runs beside a
 * developer's own hub with no port picked ahead of the bind.
 */
const START_HUB = path.join(REPOSITORY_ROOT, 'tools', 'dist', 'start-hub.js');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hub-start-test-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

interface StartedHub {
  child: ChildProcess;
  output: () => string;
  running: Promise<void>;
  gatewayPort(): number;
  postgresPort(): number;
  /** The pid and port of a subgraph, from the launcher's latest line about it. */
  subgraph(name: string): { pid: number; port: number };
}

function lastMatch(output: string, pattern: RegExp): RegExpMatchArray {
  const matches = [...output.matchAll(pattern)];
  if (matches.length === 0) throw new Error(`no ${pattern} in:\n${output}`);
  return matches[matches.length - 1]!;
}

function startHub(): StartedHub {
  const environment: NodeJS.ProcessEnv = { ...process.env };
  delete environment.DATABASE_URL;
  const child = spawn(process.execPath, [START_HUB], {
    env: {
      ...environment,
      EMBEDDED_POSTGRES_DIR: dataDir,
      // Bound by PostgreSQL itself and reported back, as the services' ports are: none is picked ahead of time.
      EMBEDDED_POSTGRES_PORT: '0',
      GATEWAY_PORT: '0',
      // A busy test machine's event-loop lag is not the hub's overload: no load shedding here.
      LOAD_SHED_EVENT_LOOP_DELAY_MS: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const running = new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.includes('The hub is running')) {
        clearInterval(timer);
        resolve();
      }
    }, 100);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`npm start exited early with ${code}:\n${output}`));
    });
  });
  return {
    child,
    output: () => output,
    running,
    gatewayPort: () => Number(lastMatch(output, /The hub is running: http:\/\/localhost:(\d+)\/graphql/g)[1]),
    postgresPort: () => Number(lastMatch(output, /embedded PostgreSQL ready on port (\d+)/g)[1]),
    subgraph(name) {
      const match = lastMatch(
        output,
        new RegExp(`${name} subgraph (?:ready|restarted) on http://127.0.0.1:(\\d+)/graphql \\(pid (\\d+)\\)`, 'g'),
      );
      return { port: Number(match[1]), pid: Number(match[2]) };
    },
  };
}

function waitForOutput(hub: StartedHub, pattern: RegExp): Promise<void> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (pattern.test(hub.output())) {
        clearInterval(timer);
        resolve();
      }
    }, 100);
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function countCities(gatewayPort: number): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${gatewayPort}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ cities(first: 1) { totalCount } }' }),
  });
  return ((await response.json()) as any).data.cities.totalCount;
}

test('starts everything on an embedded PostgreSQL, prints tokens, seeds once, and stops without orphans', async () => {
  const first = startHub();
  await first.running;
  const gatewayPort = first.gatewayPort();
  expect(gatewayPort).toBeGreaterThan(0);
  expect(first.output()).toMatch(/secretariat:\n\s+eyJ[\w-]+\.[\w-]+\.[\w-]+/);
  expect(await countCities(gatewayPort)).toBe(11);

  // A subgraph killed outright is started again on its port; the hub keeps running and serves it again.
  const killed = first.subgraph('cities');
  process.kill(killed.pid, 'SIGKILL');
  await waitForOutput(first, /cities subgraph restarted on/);
  expect(first.subgraph('cities')).toMatchObject({ port: killed.port });
  expect(first.subgraph('cities').pid).not.toBe(killed.pid);
  expect(first.child.exitCode).toBeNull();
  expect(await countCities(gatewayPort)).toBe(11);

  const citiesPort = first.subgraph('cities').port;
  const postgresPort = first.postgresPort();
  expect(await isListening(postgresPort)).toBe(true);
  first.child.kill('SIGTERM');
  expect(await exitOf(first.child)).toBe(0);
  expect(await isListening(gatewayPort)).toBe(false);
  expect(await isListening(postgresPort)).toBe(false);
  expect(await isListening(citiesPort)).toBe(false);

  const second = startHub();
  await second.running;
  expect(await countCities(second.gatewayPort())).toBe(11);
  const secondPostgresPort = second.postgresPort();
  second.child.kill('SIGINT');
  expect(await exitOf(second.child)).toBe(0);
  expect(await isListening(secondPostgresPort)).toBe(false);
}, 240_000);
