import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

import { organizationIdFromSlug } from '@hrc/domain-kit';
import { type Role } from '@hrc/service-kit';

import { startHub, TEST_JWT_SECRET, type RunningHub } from './support/hub';
import { declaredVariables, operationsOf, readmeExamples, valueAt, type ReadmeExample } from './support/readme';

/*
 * Every query, mutation and curl command of the README runs here, as written, through the real gateway against the
 * real seed, in README order: an example that breaks fails `npm test`. See test/support/readme.ts for the comments
 * that mark a block as not run, run it with a token, or take a variable from its result.
 */

const REPOSITORY_ROOT = path.resolve(__dirname, '..');
const README = readFileSync(path.join(REPOSITORY_ROOT, 'README.md'), 'utf8');
const examples = readmeExamples(README);
const runExecutable = promisify(execFile);

let hub: RunningHub;
const variables: Record<string, unknown> = {};

beforeAll(async () => {
  hub = await startHub();
});
afterAll(() => hub?.close());

function nameOf(example: ReadmeExample): string {
  const firstLine = example.source.split('\n').find((line) => line.trim()) ?? '';
  return `README line ${example.line} (${example.language}): ${firstLine.trim().slice(0, 80)}`;
}

async function runGraphql(example: ReadmeExample): Promise<void> {
  const token = example.runAs
    ? await hub.token(
        example.runAs.role as Role,
        example.runAs.organization ? organizationIdFromSlug(example.runAs.organization) : null,
      )
    : undefined;
  for (const operation of operationsOf(example.source)) {
    const given: Record<string, unknown> = {};
    for (const name of declaredVariables(operation)) {
      if (!(name in variables)) {
        throw new Error(`$${name} is used before a block sets it (<!-- sets: ${name} = path -->)`);
      }
      given[name] = variables[name];
    }
    const result = await hub.query(operation, { variables: given, token });
    expect({ operation, status: result.status, errors: result.errors }).toEqual({
      operation,
      status: 200,
      errors: undefined,
    });
    for (const { variable, path: valuePath } of example.sets) {
      const value = valueAt(result.data, valuePath);
      if (value !== undefined) variables[variable] = value;
    }
  }
  for (const { variable, path: valuePath } of example.sets) {
    if (!(variable in variables)) throw new Error(`no operation of the block has ${valuePath.join('.')}`);
  }
}

/**
 * Runs a shell block with bash against the test gateway: `localhost:4000` becomes its address, tokens are minted with
 * the test hub's secret, and curl fails on an HTTP error status (as `--fail-with-body`) so a 404 cannot pass.
 */
async function runShell(example: ReadmeExample): Promise<void> {
  const gateway = new URL(hub.url);
  const script = ['set -euo pipefail', 'curl() { command curl --fail-with-body "$@"; }', example.source]
    .join('\n')
    .replaceAll('localhost:4000', gateway.host);
  const { stdout } = await runExecutable('bash', ['-c', script], {
    cwd: REPOSITORY_ROOT,
    env: { ...process.env, JWT_SECRET: TEST_JWT_SECRET, npm_config_loglevel: 'silent' },
    timeout: 120_000,
  });
  expect(stdout).not.toMatch(/"errors"\s*:/);
  for (const line of stdout.split('\n').filter((text) => text.startsWith('{'))) {
    expect(JSON.parse(line)).toHaveProperty('data');
  }
}

test('the README has executable examples', () => {
  expect(examples.filter((example) => !example.notRun).length).toBeGreaterThan(5);
});

describe.each(examples.map((example) => [nameOf(example), example] as const))('%s', (_name, example) => {
  const run = example.notRun ? test.skip : test;
  run('runs without errors', async () => {
    if (example.language === 'graphql') await runGraphql(example);
    else await runShell(example);
  });
});
