import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { categoryOf, packageOf, REPOSITORY_ROOT, summariseCpuProfile, type CpuProfile } from '@hrc/tools';

/*
 * `npm run bench -- --profile <service>` summarises a `--cpu-prof` profile by package. Profiled here: a real Node
 * process that spends its time in graphql-js, so the summary must put graphql-js first.
 */

const directory = mkdtempSync(path.join(os.tmpdir(), 'hub-cpu-profile-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function profileOf(script: string): CpuProfile {
  const run = spawnSync(
    process.execPath,
    ['--cpu-prof', `--cpu-prof-dir=${directory}`, '--cpu-prof-name=run.cpuprofile', '-e', script],
    {
      cwd: REPOSITORY_ROOT,
      encoding: 'utf8',
    },
  );
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  return JSON.parse(readFileSync(path.join(directory, 'run.cpuprofile'), 'utf8')) as CpuProfile;
}

// Parses until the process has used 1 s of CPU in it: a condition, not a duration.
const PARSING = `
const { parse } = require('graphql');
const started = process.cpuUsage();
const used = () => { const now = process.cpuUsage(started); return (now.user + now.system) / 1e6; };
while (used() < 1) for (let i = 0; i < 200; i += 1) parse('{ cities(first: 50) { edges { node { name country policies(first: 3) { totalCount } } } } }');
`;

test('charges the time spent parsing GraphQL to graphql-js, first among categories and packages', () => {
  const summary = summariseCpuProfile(profileOf(PARSING));
  // Objects, not names: on failure the output shows the share that came first instead.
  expect(summary.byCategory[0]).toMatchObject({ name: 'graphql-js' });
  expect(summary.byPackage[0]).toMatchObject({ name: 'graphql' });
  expect(summary.byFunction.some((entry) => / graphql\/language\/parser\.js:\d+$/.test(entry.name))).toBe(true);
  const shares = summary.byCategory.reduce((sum, entry) => sum + entry.share, 0);
  expect(shares).toBeCloseTo(1, 5);
});

test('counts only the samples inside the window, to leave out start-up', () => {
  const profile = profileOf(PARSING);
  const whole = summariseCpuProfile(profile);
  const before = summariseCpuProfile(profile, {
    fromMicros: profile.startTime - 2_000_000,
    toMicros: profile.startTime - 1_000_000,
  });
  const secondHalf = summariseCpuProfile(profile, {
    fromMicros: (profile.startTime + profile.endTime) / 2,
    toMicros: profile.endTime,
  });
  expect(before.totalMs).toBe(0);
  expect(secondHalf.totalMs).toBeGreaterThan(0);
  expect(secondHalf.totalMs).toBeLessThan(whole.totalMs);
});

test('names packages from node_modules, the hub’s workspaces, Node and V8', () => {
  const root = REPOSITORY_ROOT;
  expect(packageOf(`file://${root}/node_modules/@mikro-orm/core/entity/EntityHelper.js`, 'ensurePropagation')).toBe(
    '@mikro-orm/core',
  );
  expect(packageOf(`file://${root}/node_modules/pg/lib/result.js`, 'parseRow')).toBe('pg');
  expect(packageOf(`${root}/services/cities/dist/src/city/city.repository.js`, 'page')).toBe('@hrc/cities');
  expect(packageOf(`${root}/services/kit/service/dist/src/http-server.js`, 'handle')).toBe('@hrc/service-kit');
  expect(packageOf('node:internal/streams/writable', 'write')).toBe('node:internal/streams');
  expect(packageOf('node:net', 'writeGeneric')).toBe('node:net');
  expect(packageOf('node:internal/deps/undici/undici', 'parseJSONFromBytes')).toBe("undici (Node's fetch)");
  expect(categoryOf('node:internal/streams')).toBe('node (core modules)');
  expect(categoryOf("undici (Node's fetch)")).toBe('undici (HTTP client)');
  expect(packageOf('', '(garbage collector)')).toBe('(garbage collector)');
  expect(categoryOf('@mikro-orm/knex')).toBe('MikroORM');
  expect(categoryOf('pg-protocol')).toBe('pg (driver)');
  expect(categoryOf('(garbage collector)')).toBe('garbage collection');
});
