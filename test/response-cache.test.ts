import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';

import { cityIdFromSlug, organizationIdFromSlug } from '@hrc/domain-kit';
import type { GatewayApp } from '@hrc/gateway';

import { CountingProxy } from './support/counting-proxy';
import { startGateway, startHub, type RunningHub } from './support/hub';

/*
 * The public's response cache (gateway/src/response-cache.ts), counted at the subgraph: a proxy in front of the cities
 * subgraph counts the calls that reach it. Run in memory and against Redis at 127.0.0.1:6379 (skipped, saying so,
 * where there is none).
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
let secretariat: string;
let partner: string;
const gwangju = cityIdFromSlug('gwangju');

beforeAll(async () => {
  hub = await startHub({ only: ['cities'] });
  secretariat = await hub.token('secretariat');
  partner = await hub.token('partner', organizationIdFromSlug('gwangju-international-center'));
});
afterAll(async () => {
  await hub?.close();
});

const redisHere = redisAnswers();
if (!redisHere) console.warn(`SKIPPED: the response cache's Redis tests need Redis at ${REDIS_URL}`);

describe.each([
  ['in memory', {}, true],
  ['in Redis', { REDIS_URL, RESPONSE_CACHE_KEY_PREFIX: `hrc:test:${randomUUID()}` }, redisHere],
] as const)('the response cache %s', (_store, environment, available) => {
  const maybe = available ? test : test.skip;
  let proxy: CountingProxy;
  let gateway: GatewayApp;
  let url: string;

  beforeAll(async () => {
    if (!available) return;
    proxy = new CountingProxy(hub.subgraphs.get('cities')!.url);
    const started = await startGateway(hub.supergraphSdl, {
      ...environment,
      CITIES_SUBGRAPH_URL: await proxy.start(),
    });
    gateway = started.gateway;
    url = started.address.url;
  });
  afterAll(async () => {
    await gateway?.close();
    await proxy?.close();
  });

  async function post(query: string, options: { token?: string; variables?: Record<string, unknown> } = {}) {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      body: JSON.stringify({ query, variables: options.variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: unknown[] };
    return { ...body, cacheControl: response.headers.get('cache-control') };
  }

  /** An anonymous GET, as a CDN in front of the gateway would forward it. */
  async function get(query: string) {
    const response = await fetch(`${url}?${new URLSearchParams({ query })}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    const body = (await response.json()) as { data?: any; errors?: unknown[] };
    return { ...body, cacheControl: response.headers.get('cache-control') };
  }

  maybe('a repeated anonymous query is answered from the cache, with public Cache-Control', async () => {
    const marker = `cachedRead${randomUUID().slice(0, 8)}`;
    const query = `query ${marker} { cities(first: 3) { totalCount edges { node { name } } } }`;
    const first = await get(query);
    expect(first.errors).toBeUndefined();
    expect(proxy.count(marker)).toBe(1);
    const second = await get(query);
    expect(second.data).toEqual(first.data);
    expect(proxy.count(marker)).toBe(1);
    expect(second.cacheControl).toMatch(/^max-age=\d+, public$/);
    expect(Number(/max-age=(\d+)/.exec(second.cacheControl!)![1])).toBeGreaterThan(0);
  });

  maybe('an authenticated query is never cached, and says so', async () => {
    const marker = `partnerRead${randomUUID().slice(0, 8)}`;
    const query = `query ${marker} { cities(first: 3) { totalCount } }`;
    const first = await post(query, { token: partner });
    const second = await post(query, { token: partner });
    expect(first.errors).toBeUndefined();
    expect(second.data).toEqual(first.data);
    expect(proxy.count(marker)).toBe(2);
    expect(second.cacheControl).toBe('private, no-store');
    // Nor does the public get what the partner read.
    await post(query);
    expect(proxy.count(marker)).toBe(3);
  });

  maybe('after the secretariat publishes a policy, the public reads it', async () => {
    const marker = `policiesRead${randomUUID().slice(0, 8)}`;
    const query = `query ${marker} { city(slug: "gwangju") { policies(first: 100) { totalCount edges { node { id title } } } } }`;
    const titlesOf = (result: { data?: any }) =>
      (result.data.city.policies.edges as Array<{ node: { title: string } }>).map((edge) => edge.node.title);
    const title = `Cached until published ${randomUUID()}`;

    const draft = await post(`mutation($input: CreatePolicyInput!) { createPolicy(input: $input) { id version } }`, {
      token: partner,
      variables: { input: { cityId: gwangju, title, summary: 'Awaiting review.' } },
    });
    expect(draft.errors).toBeUndefined();
    const before = await post(query);
    expect(titlesOf(before)).not.toContain(title);
    const calls = proxy.count(marker);
    expect(titlesOf(await post(query))).not.toContain(title);
    expect(proxy.count(marker)).toBe(calls); // served from the cache

    const approved = await post(
      `mutation($id: ID!, $v: Int!) { moderatePolicy(id: $id, expectedVersion: $v, input: { decision: APPROVE }) { id } }`,
      { token: secretariat, variables: { id: draft.data.createPolicy.id, v: draft.data.createPolicy.version } },
    );
    expect(approved.errors).toBeUndefined();
    const after = await post(query);
    expect(titlesOf(after)).toContain(title);
    expect(after.data.city.policies.totalCount).toBe(before.data.city.policies.totalCount + 1);
  });

  maybe(
    'a query that reaches a type with no max-age (the network report) is never cached, whatever else it asks',
    async () => {
      // The subgraphs know this before running it and skip the per-field hints; the answer must not change.
      for (const [name, selection] of [
        ['reportRows', 'networkReport(filter: { region: ASIA }) { rows { cityId region cities { policies } } }'],
        ['mixedRead', 'cities(first: 1) { totalCount } networkReport { network { cities { cities } } }'],
      ]) {
        const marker = `${name}${randomUUID().slice(0, 8)}`;
        const query = `query ${marker} { ${selection} }`;
        const first = await get(query);
        expect(first.errors).toBeUndefined();
        const reached = proxy.count(marker);
        const second = await get(query);
        expect(second.data).toEqual(first.data);
        expect(proxy.count(marker)).toBe(reached * 2);
        expect(second.cacheControl).not.toMatch(/public/);
      }
    },
  );

  maybe('a response with an error is not cached', async () => {
    const marker = `failedRead${randomUUID().slice(0, 8)}`;
    const query = `query ${marker} { city(slug: "gwangju") { policies(first: 100000) { totalCount } } }`;
    const first = await post(query);
    expect(first.errors).toBeDefined();
    const reached = proxy.count(marker);
    await post(query);
    expect(proxy.count(marker)).toBe(reached * 2);
  });
});
