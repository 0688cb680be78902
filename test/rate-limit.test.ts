import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type http from 'node:http';

import { startGateway as startTestGateway, startHub, type RunningHub } from './support/hub';

/*
 * Issue 10 item 1: 3,572 anonymous requests in 15 s all got 200. Each caller now has a points budget per window,
 * charged by the operation's estimated cost, in memory or shared through Redis.
 */

const REDIS_URL = 'redis://127.0.0.1:6379';

/** Whether Redis answers PING at 127.0.0.1:6379, asked once, synchronously, so the Redis tests can skip visibly. */
function redisAnswers(): boolean {
  const probe = spawnSync(
    process.execPath,
    [
      '-e',
      `const s = require('net').connect(6379, '127.0.0.1', () => s.write('PING\\r\\n'));
       s.setTimeout(1000, () => process.exit(1)); s.on('error', () => process.exit(1));
       s.on('data', (d) => process.exit(String(d).startsWith('+PONG') ? 0 : 1));`,
    ],
    { timeout: 5000 },
  );
  return probe.status === 0;
}

let hub: RunningHub;
const forwarded: string[] = [];

beforeAll(async () => {
  hub = await startHub({ only: ['cities', 'events'] });
  for (const [name, subgraph] of hub.subgraphs) {
    (subgraph.app.server as http.Server).prependListener('request', () => forwarded.push(name));
  }
});
afterAll(() => hub.close());
beforeEach(() => {
  forwarded.length = 0;
});

async function startGateway(environment: Record<string, string>): Promise<{ url: string; close(): Promise<void> }> {
  const { gateway, address } = await startTestGateway(hub.supergraphSdl, environment, { rateLimits: 'configured' });
  return { url: address.url, close: () => gateway.close() };
}

async function post(url: string, query: string, token?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as {
      data?: any;
      errors?: Array<{ message: string; extensions?: Record<string, any> }>;
      extensions?: Record<string, any>;
    },
  };
}

/** Costs 1 + 20 cities = 21 points. */
const TWENTY_CITIES = '{ cities(first: 20) { edges { node { name } } } }';

describe('in memory', () => {
  test('the public is charged by cost, told what remains, and refused with 429 and Retry-After when spent', async () => {
    const gateway = await startGateway({ RATE_LIMIT_PUBLIC: '100', RATE_LIMIT_WINDOW_SECONDS: '60' });
    try {
      const remaining: number[] = [];
      for (let call = 0; call < 4; call += 1) {
        const answer = await post(gateway.url, TWENTY_CITIES);
        expect(answer.status).toBe(200);
        expect(answer.headers.get('ratelimit-policy')).toBe('"public";q=100;w=60');
        const header = /^"public";r=(\d+);t=(\d+)$/.exec(answer.headers.get('ratelimit') ?? '');
        expect(header).not.toBeNull();
        expect(Number(header![2])).toBeGreaterThan(0);
        expect(Number(header![2])).toBeLessThanOrEqual(60);
        expect(answer.body.extensions?.cost).toMatchObject({
          requested: 21,
          limit: 100,
          remaining: Number(header![1]),
        });
        remaining.push(Number(header![1]));
      }
      expect(remaining).toEqual([79, 58, 37, 16]);

      forwarded.length = 0;
      const refused = await post(gateway.url, TWENTY_CITIES);
      expect(forwarded).toEqual([]);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(refused.headers.get('ratelimit')).toMatch(/^"public";r=0;t=\d+$/);
      expect(refused.body.errors).toHaveLength(1);
      expect(refused.body.errors![0]!.extensions).toMatchObject({
        code: 'RATE_LIMITED',
        rateLimit: { limit: 100, remaining: 0, requested: 21 },
      });
      expect(refused.body.errors![0]!.message).toMatch(/100 cost points per 60 s for the public/);

      // Spent: even the cheapest operation is refused, without a subgraph call.
      const again = await post(gateway.url, '{ __typename }');
      expect(again.status).toBe(429);
      expect(again.headers.get('retry-after')).not.toBeNull();
      expect(again.body.errors![0]!.extensions?.code).toBe('RATE_LIMITED');
      expect(forwarded).toEqual([]);

      // A token's subject has its own budget: the spent public does not spend a partner's.
      const partner = await post(
        gateway.url,
        TWENTY_CITIES,
        await hub.token('partner', '00000000-0000-4000-8000-000000000001'),
      );
      expect(partner.status).toBe(200);
      expect(partner.headers.get('ratelimit-policy')).toBe('"partner";q=50000;w=60');
    } finally {
      await gateway.close();
    }
  });

  test('refused documents cost a point too, so a flood of bad queries is limited', async () => {
    const gateway = await startGateway({ RATE_LIMIT_PUBLIC: '3' });
    try {
      const statuses: number[] = [];
      for (let call = 0; call < 5; call += 1) statuses.push((await post(gateway.url, '{ nosuchfield }')).status);
      expect(statuses).toEqual([400, 400, 400, 429, 429]);
      expect(forwarded).toEqual([]);
    } finally {
      await gateway.close();
    }
  });
});

const redisUp = redisAnswers();
if (!redisUp) console.warn(`SKIPPED: the shared rate-limit tests need Redis at ${REDIS_URL}, which does not answer`);
(redisUp ? describe : describe.skip)('shared through Redis (REDIS_URL)', () => {
  test('two gateway replicas spend one budget', async () => {
    const environment = {
      REDIS_URL,
      RATE_LIMIT_KEY_PREFIX: `hrc-test:${randomUUID()}`,
      // Each test's own: its subgraphs' databases are not another run's.
      RESPONSE_CACHE_KEY_PREFIX: `hrc-test-cache:${randomUUID()}`,
      RATE_LIMIT_PUBLIC: '50',
    };
    const first = await startGateway(environment);
    const second = await startGateway(environment);
    try {
      const one = await post(first.url, TWENTY_CITIES);
      expect(one.status).toBe(200);
      expect(one.headers.get('ratelimit')).toMatch(/^"public";r=29;t=\d+$/);
      const two = await post(second.url, TWENTY_CITIES);
      expect(two.status).toBe(200);
      expect(two.headers.get('ratelimit')).toMatch(/^"public";r=8;t=\d+$/);
      forwarded.length = 0;
      const three = await post(first.url, TWENTY_CITIES);
      expect(three.status).toBe(429);
      expect(three.body.errors![0]!.extensions?.code).toBe('RATE_LIMITED');
      const four = await post(second.url, TWENTY_CITIES);
      expect(four.status).toBe(429);
      expect(forwarded).toEqual([]);
    } finally {
      await first.close();
      await second.close();
    }
  });
});
