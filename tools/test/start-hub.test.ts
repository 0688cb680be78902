import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { findFreePort } from '@hrc/dev-kit';

import { REPOSITORY_ROOT } from '../src/paths';

/**
 * `npm start` as a user runs it: the compiled launcher with no DATABASE_URL, so it starts its own embedded
 * PostgreSQL. Ports are shifted so it can run beside a developer's own hub.
 */
const START_HUB = path.join(REPOSITORY_ROOT, 'tools', 'dist', 'start-hub.js');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hub-start-test-'));
let ports: { gateway: number; postgres: number; offset: number };

beforeAll(async () => {
  ports = {
    gateway: await findFreePort(),
    postgres: await findFreePort(),
    offset: 20000 + Math.floor(Math.random() * 20000),
  };
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function startHub(): { child: ChildProcess; output: () => string; running: Promise<void> } {
  const environment: NodeJS.ProcessEnv = { ...process.env };
  delete environment.DATABASE_URL;
  const child = spawn(process.execPath, [START_HUB], {
    env: {
      ...environment,
      EMBEDDED_POSTGRES_DIR: dataDir,
      EMBEDDED_POSTGRES_PORT: String(ports.postgres),
      GATEWAY_PORT: String(ports.gateway),
      SUBGRAPH_PORT_OFFSET: String(ports.offset),
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
  return { child, output: () => output, running };
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

async function countCities(): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${ports.gateway}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ cities(first: 1) { totalCount } }' }),
  });
  return ((await response.json()) as any).data.cities.totalCount;
}

test('starts everything on an embedded PostgreSQL, prints tokens, seeds once, and stops without orphans', async () => {
  const first = startHub();
  await first.running;
  expect(first.output()).toContain(`http://localhost:${ports.gateway}/graphql`);
  expect(first.output()).toMatch(/secretariat:\n\s+eyJ[\w-]+\.[\w-]+\.[\w-]+/);
  expect(await countCities()).toBe(11);

  first.child.kill('SIGTERM');
  expect(await exitOf(first.child)).toBe(0);
  expect(await isListening(ports.gateway)).toBe(false);
  expect(await isListening(ports.postgres)).toBe(false);
  expect(await isListening(4001 + ports.offset)).toBe(false);

  const second = startHub();
  await second.running;
  expect(await countCities()).toBe(11);
  second.child.kill('SIGINT');
  expect(await exitOf(second.child)).toBe(0);
  expect(await isListening(ports.postgres)).toBe(false);
}, 180_000);
