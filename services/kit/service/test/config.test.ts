import { spawnSync } from 'node:child_process';
import path from 'node:path';

import { ConfigurationError, DEVELOPMENT_SIGNING_SECRET, parseSubgraphEnvironment } from '../src';

const VALID = { DATABASE_URL: 'postgres://hub@db:5432/hub' };

function configurationErrorOf(environment: Record<string, string>): ConfigurationError {
  try {
    parseSubgraphEnvironment(4001, environment);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return error as ConfigurationError;
  }
  throw new Error('expected a ConfigurationError');
}

describe('subgraph configuration', () => {
  test('defaults fill everything but the database', () => {
    const config = parseSubgraphEnvironment(4001, VALID);
    expect(config).toMatchObject({
      service: { nodeEnv: 'development', host: '127.0.0.1', port: 4001, logLevel: 'info' },
      database: { url: VALID.DATABASE_URL, replicaUrls: [], poolMax: 10 },
      seedOnStart: 'none',
    });
  });

  test.each([
    [{}, 'DATABASE_URL', /required/],
    [{ ...VALID, PORT: 'eighty' }, 'PORT', /port number/],
    [{ ...VALID, PORT: '70000' }, 'PORT', /65535/],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL', /postgres/],
    [{ ...VALID, DATABASE_REPLICA_URLS: 'postgres://a/b, http://nope' }, 'DATABASE_REPLICA_URLS', /postgres/],
    [{ ...VALID, SEED_ON_START: 'fake' }, 'SEED_ON_START', /real/],
    [{ ...VALID, HUB_SIGNING_SECRET: 'short' }, 'HUB_SIGNING_SECRET', /32/],
    [{ ...VALID, NODE_ENV: 'production' }, 'HUB_SIGNING_SECRET', /production/],
    [
      { ...VALID, NODE_ENV: 'production', HUB_SIGNING_SECRET: DEVELOPMENT_SIGNING_SECRET },
      'HUB_SIGNING_SECRET',
      /published/,
    ],
    [
      { ...VALID, NODE_ENV: 'production', HUB_SIGNING_SECRET: 'test-signing-secret-that-is-long-enough-000' },
      'HUB_SIGNING_SECRET',
      /published/,
    ],
  ])('%j is refused, naming %s', (environment, variable, reason) => {
    const error = configurationErrorOf(environment as Record<string, string>);
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(variable);
    expect(error.reason).toMatch(reason);
  });

  test('metrics listen on an internal port: 127.0.0.1 and the service port + 5000 unless set', () => {
    expect(parseSubgraphEnvironment(4001, VALID).http).toMatchObject({ metricsPort: 9001, metricsHost: '127.0.0.1' });
    expect(parseSubgraphEnvironment(4001, { ...VALID, METRICS_PORT: '9100' }).http.metricsPort).toBe(9100);
    expect(parseSubgraphEnvironment(4001, { ...VALID, PORT: '0' }).http.metricsPort).toBe(0);
  });

  test.each([
    [{ ...VALID, METRICS_PORT: '70000' }, 'METRICS_PORT', /65535/],
    [{ ...VALID, MAX_CONNECTIONS: '0' }, 'MAX_CONNECTIONS', /.+/],
    [{ ...VALID, TRUST_PROXY: 'yes' }, 'TRUST_PROXY', /number of proxies/],
  ])('%j is refused, naming %s', (environment, variable, reason) => {
    const error = configurationErrorOf(environment as Record<string, string>);
    expect(error.variable).toBe(variable);
    expect(error.reason).toMatch(reason);
  });

  test('read replicas are a comma-separated list', () => {
    const config = parseSubgraphEnvironment(4001, {
      ...VALID,
      DATABASE_REPLICA_URLS: 'postgres://r1/hub, postgres://r2/hub',
    });
    expect(config.database.replicaUrls).toEqual(['postgres://r1/hub', 'postgres://r2/hub']);
  });
});

describe('a service with a bad environment', () => {
  const main = path.resolve(__dirname, '../../../cities/dist/src/main.js');

  test('exits with code 1 and one line naming the variable', () => {
    const run = spawnSync(process.execPath, [main], {
      env: { PATH: process.env.PATH, DATABASE_URL: 'postgres://x/y', PORT: 'not-a-port' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe('cities: Invalid configuration: PORT: must be a port number');
  });
});

describe('published secrets', () => {
  test('a published secret set explicitly is accepted outside production', () => {
    expect(
      parseSubgraphEnvironment(4001, { ...VALID, NODE_ENV: 'test', HUB_SIGNING_SECRET: DEVELOPMENT_SIGNING_SECRET })
        .signingSecret,
    ).toBe(DEVELOPMENT_SIGNING_SECRET);
  });

  test('a fresh secret is accepted in production', () => {
    const fresh = 'a-fresh-production-secret-0123456789abcdef';
    expect(
      parseSubgraphEnvironment(4001, { ...VALID, NODE_ENV: 'production', HUB_SIGNING_SECRET: fresh }).signingSecret,
    ).toBe(fresh);
  });
});
