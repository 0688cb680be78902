import { ConfigurationError, parseSubgraphEnvironment } from '@hrc/service-kit';

import { isAllowedAddress, nextAttemptAfterFailure, retryDelayMs } from '../src/webhooks';

const production = { allowLoopback: false };
const development = { allowLoopback: true };

test.each([
  ['127.0.0.1', 'loopback'],
  ['10.1.2.3', 'private'],
  ['172.16.0.1', 'private'],
  ['192.168.1.1', 'private'],
  ['100.64.0.1', 'carrier-grade NAT'],
  ['169.254.169.254', 'link-local (cloud metadata)'],
  ['0.0.0.0', 'unspecified'],
  ['224.0.0.1', 'multicast'],
  ['255.255.255.255', 'broadcast'],
  ['::1', 'IPv6 loopback'],
  ['::', 'IPv6 unspecified'],
  ['fe80::1', 'IPv6 link-local'],
  ['fc00::1', 'IPv6 unique-local'],
  ['fd12:3456::1', 'IPv6 unique-local'],
  ['ff02::1', 'IPv6 multicast'],
  ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
  ['::ffff:10.0.0.1', 'IPv4-mapped private'],
  ['::ffff:169.254.169.254', 'IPv4-mapped link-local'],
  ['64:ff9b::a00:1', 'NAT64 of a private address'],
  ['2002:a00:1::1', '6to4 of a private address'],
  ['::7f00:1', 'IPv4-compatible loopback (::/96)'],
  ['::a00:1', 'IPv4-compatible private (::/96)'],
  ['100::1', 'IPv6 discard prefix'],
  ['4000::1', 'IPv6 outside 2000::/3'],
  ['not an address', 'not an address'],
])('production refuses %s (%s)', (address) => {
  expect(isAllowedAddress(address, production)).toBe(false);
});

test.each(['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:93.184.216.34'])(
  'production accepts the public address %s',
  (address) => {
    expect(isAllowedAddress(address, production)).toBe(true);
  },
);

test('development and tests may allow loopback, and nothing else private', () => {
  expect(isAllowedAddress('127.0.0.1', development)).toBe(true);
  expect(isAllowedAddress('::1', development)).toBe(true);
  expect(isAllowedAddress('::ffff:127.0.0.1', development)).toBe(true);
  expect(isAllowedAddress('10.0.0.1', development)).toBe(false);
  expect(isAllowedAddress('169.254.169.254', development)).toBe(false);
});

test('the loopback switch is refused in production', () => {
  const environment = {
    NODE_ENV: 'production',
    DATABASE_URL: 'postgres://hub@db:5432/hub',
    HUB_SIGNING_SECRET: 'a-production-secret-that-is-long-enough-123',
    WEBHOOK_ALLOW_LOOPBACK: 'true',
  };
  expect(() => parseSubgraphEnvironment(4001, environment)).toThrow(ConfigurationError);
  expect(() => parseSubgraphEnvironment(4001, environment)).toThrow('WEBHOOK_ALLOW_LOOPBACK');
  expect(parseSubgraphEnvironment(4001, { ...environment, WEBHOOK_ALLOW_LOOPBACK: 'false' }).webhooks).toMatchObject({
    allowLoopback: false,
    timeoutMs: 10_000,
    retry: { windowMs: 3 * 24 * 60 * 60 * 1000 },
  });
});

test('an attempt timeout that does not fit within a delivery job is refused, naming WEBHOOK_TIMEOUT_MS', () => {
  const environment = { DATABASE_URL: 'postgres://hub@db:5432/hub', WEBHOOK_JOB_EXPIRE_SECONDS: '30' };
  expect(() => parseSubgraphEnvironment(4001, { ...environment, WEBHOOK_TIMEOUT_MS: '10001' })).toThrow(
    ConfigurationError,
  );
  expect(() => parseSubgraphEnvironment(4001, { ...environment, WEBHOOK_TIMEOUT_MS: '10001' })).toThrow(
    'WEBHOOK_TIMEOUT_MS',
  );
  expect(parseSubgraphEnvironment(4001, { ...environment, WEBHOOK_TIMEOUT_MS: '10000' }).webhooks).toMatchObject({
    timeoutMs: 10_000,
    jobExpireSeconds: 30,
  });
  // The defaults fit: 10 s attempts, 300 s jobs.
  expect(() => parseSubgraphEnvironment(4001, { DATABASE_URL: environment.DATABASE_URL })).not.toThrow();
});

describe('the retry schedule', () => {
  const schedule = { baseMs: 10_000, maxDelayMs: 12 * 3_600_000, windowMs: 3 * 24 * 3_600_000 };

  test('doubles from the base, up to the cap', () => {
    expect([1, 2, 3, 4].map((attempts) => retryDelayMs(schedule, attempts))).toEqual([10_000, 20_000, 40_000, 80_000]);
    expect(retryDelayMs(schedule, 30)).toBe(12 * 3_600_000);
  });

  test('retries for 3 days after the first failure, then dead-letters', () => {
    const first = new Date('2026-01-01T00:00:00Z');
    let now = first;
    let attempts = 0;
    for (;;) {
      attempts += 1;
      const next = nextAttemptAfterFailure(schedule, attempts, first, now);
      if (!next) break;
      now = next;
    }
    expect(now.getTime() - first.getTime()).toBeLessThanOrEqual(schedule.windowMs);
    expect(now.getTime() - first.getTime()).toBeGreaterThan(schedule.windowMs - schedule.maxDelayMs);
    expect(attempts).toBeGreaterThan(10);
    expect(attempts).toBeLessThan(25);
  });
});
