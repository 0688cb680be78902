import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';

import pino from 'pino';

import { cityIdFromSlug, organizationIdFromSlug } from '@hrc/domain-kit';
import type { GatewayApp } from '@hrc/gateway';

import { CountingProxy } from './support/counting-proxy';
import { startGateway, startHub, type RunningHub } from './support/hub';

/*
 * Issue 14, item 6: the gateway's per-request work. The response cache's shortcut (gateway/src/response-cache.ts)
 * answers a repeated anonymous query before Apollo runs, exactly as the full pipeline would; cost estimates are made
 * once per document and variables (gateway/src/operation-limits.ts); every operation is logged once, in small fields.
 * Observed through the gateway's own /metrics, a proxy counting the calls that reach the cities subgraph, and the
 * gateway's log lines.
 */

let hub: RunningHub;
let partner: string;
const gwangju = cityIdFromSlug('gwangju');

beforeAll(async () => {
  hub = await startHub({ only: ['cities'] });
  partner = await hub.token('partner', organizationIdFromSlug('gwangju-international-center'));
});
afterAll(async () => {
  await hub?.close();
});

interface Answer {
  status: number;
  text: string;
  body: { data?: any; errors?: Array<{ message: string; extensions?: any }>; extensions?: any };
  headers: Headers;
}

async function post(
  url: string,
  query: string,
  options: { token?: string; variables?: Record<string, unknown>; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables: options.variables }),
  });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text), headers: response.headers };
}

/** A counter's value from the gateway's /metrics (0 when the series does not exist yet). */
async function counter(gateway: GatewayApp, name: string, labels: string): Promise<number> {
  const text = await (await fetch(gateway.listeningAddress()!.metricsUrl)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}{${labels}`));
  return line ? Number(line.split(' ').pop()) : 0;
}

const answeredByShortcut = (gateway: GatewayApp) =>
  counter(gateway, 'hub_gateway_response_cache_shortcut_total', 'outcome="answered"');

/** The headers a client sees, without those that differ on every answer (date, request id) or by design. */
function stableHeaders(headers: Headers, without: string[] = []): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of headers) {
    if (!['date', 'x-request-id', 'keep-alive', 'connection', ...without].includes(name)) kept[name] = value;
  }
  return kept;
}

/** `RateLimit: "public";r=<remaining>;t=<reset>` → remaining. */
const remainingOf = (answer: Answer) => Number(/;r=(\d+)/.exec(answer.headers.get('ratelimit')!)![1]);

describe('the response cache shortcut', () => {
  let proxy: CountingProxy;
  let gateway: GatewayApp;
  let url: string;

  beforeAll(async () => {
    proxy = new CountingProxy(hub.subgraphs.get('cities')!.url);
    const started = await startGateway(
      hub.supergraphSdl,
      { CITIES_SUBGRAPH_URL: await proxy.start(), RESPONSE_CACHE: 'true', RATE_LIMIT_PUBLIC: '1000000' },
      { rateLimits: 'configured' },
    );
    gateway = started.gateway;
    url = started.address.url;
  });
  afterAll(async () => {
    await gateway?.close();
    await proxy?.close();
  });

  test('answers a repeated anonymous query with the full answer, charged again: same body and headers', async () => {
    const marker = `shortcutRead${randomUUID().slice(0, 8)}`;
    const query = `query ${marker} { cities(first: 3) { totalCount edges { node { name ko: name(lang: "ko") country } } } }`;
    const fresh = await post(url, query);
    expect(fresh.status).toBe(200);
    expect(fresh.body.errors).toBeUndefined();
    // Korean names: the shortcut keeps its answers encoded, so their bytes, not characters, must add up.
    expect(fresh.text).toMatch(/[\u3131-\uD79D]/);
    expect(proxy.count(marker)).toBe(1);
    // The same query asked differently (another accept header) goes through Apollo: the response cache's own hit.
    const pipelineHit = await post(url, query, { headers: { accept: 'application/json' } });
    const before = await answeredByShortcut(gateway);
    const shortcut = await post(url, query);
    expect(await answeredByShortcut(gateway)).toBe(before + 1);
    expect(proxy.count(marker)).toBe(1);

    const points = fresh.body.extensions.cost.requested as number;
    expect(points).toBeGreaterThan(0);
    // Each answer was charged its cost: the remaining points fall by it each time, in the header and the body.
    expect(remainingOf(pipelineHit)).toBe(remainingOf(fresh) - points);
    expect(remainingOf(shortcut)).toBe(remainingOf(pipelineHit) - points);
    expect(shortcut.body.extensions.cost.remaining).toBe(remainingOf(shortcut));

    // Byte for byte the full pipeline's answer, but for the remaining points.
    // What the rate limit tells each answer changes with every charge and every second: the budget left and the
    // seconds to the window's end (a busy machine can cross a second between two answers).
    const withoutRemaining = (text: string) =>
      text.replace(/"remaining":\d+/, '"remaining":_').replace(/"resetSeconds":\d+/, '"resetSeconds":_');
    expect(shortcut.status).toBe(200);
    expect(withoutRemaining(shortcut.text)).toBe(withoutRemaining(fresh.text));
    expect(withoutRemaining(shortcut.text)).toBe(withoutRemaining(pipelineHit.text));
    // Headers as the response cache's own hit gives them (an `age`, which a second boundary may move on), and as
    // the fresh answer but for the age.
    expect(stableHeaders(shortcut.headers, ['ratelimit', 'content-length', 'age'])).toEqual(
      stableHeaders(pipelineHit.headers, ['ratelimit', 'content-length', 'age']),
    );
    expect(Number(shortcut.headers.get('age'))).toBeGreaterThanOrEqual(Number(pipelineHit.headers.get('age')));
    expect(stableHeaders(shortcut.headers, ['ratelimit', 'age'])).toEqual(
      stableHeaders(fresh.headers, ['ratelimit', 'age']),
    );
    expect(shortcut.headers.get('cache-control')).toMatch(/^max-age=[1-9]\d*, public$/);
    expect(shortcut.headers.get('ratelimit-policy')).toBe(fresh.headers.get('ratelimit-policy'));

    // An answer the response cache gave is kept too (its entry's age carried on): asked again, it comes from the
    // shortcut, as the response cache's own hit would give it.
    const again = await post(url, query, { headers: { accept: 'application/json' } });
    expect(await answeredByShortcut(gateway)).toBe(before + 2);
    expect(proxy.count(marker)).toBe(1);
    expect(withoutRemaining(again.text)).toBe(withoutRemaining(pipelineHit.text));
    expect(stableHeaders(again.headers, ['ratelimit', 'age'])).toEqual(
      stableHeaders(pipelineHit.headers, ['ratelimit', 'age']),
    );
    expect(Number(again.headers.get('age'))).toBeGreaterThanOrEqual(Number(pipelineHit.headers.get('age')));
  });

  test('never answers an authenticated caller, nor keeps what one was answered', async () => {
    const marker = `shortcutPartner${randomUUID().slice(0, 8)}`;
    const query = `query ${marker} { cities(first: 3) { totalCount edges { node { name } } } }`;
    const before = await answeredByShortcut(gateway);
    // Kept for the public...
    await post(url, query);
    await post(url, query);
    expect(await answeredByShortcut(gateway)).toBe(before + 1);
    // ...but the same query from a partner goes to the subgraph every time, answered privately.
    const calls = proxy.count(marker);
    const first = await post(url, query, { token: partner });
    const second = await post(url, query, { token: partner });
    expect(proxy.count(marker)).toBe(calls + 2);
    expect(second.headers.get('cache-control')).toBe('private, no-store');
    expect(second.body.data).toEqual(first.body.data);
    expect(await answeredByShortcut(gateway)).toBe(before + 1);

    // What a partner was answered is never kept for the public.
    const partnerFirst = `query ${marker}P { cities(first: 2) { totalCount } }`;
    await post(url, partnerFirst, { token: partner });
    await post(url, partnerFirst, { token: partner });
    await post(url, partnerFirst);
    expect(proxy.count(`${marker}P`)).toBe(3);
    expect(await answeredByShortcut(gateway)).toBe(before + 1);
  });

  test('a mutation through the gateway starts a new generation: the next read is fresh', async () => {
    const marker = `shortcutPolicies${randomUUID().slice(0, 8)}`;
    const query = `query ${marker} { city(slug: "gwangju") { policies(first: 100) { totalCount } } }`;
    await post(url, query);
    const before = await answeredByShortcut(gateway);
    const kept = await post(url, query);
    expect(await answeredByShortcut(gateway)).toBe(before + 1);
    const calls = proxy.count(marker);

    const draft = await post(url, `mutation($input: CreatePolicyInput!) { createPolicy(input: $input) { id } }`, {
      token: partner,
      variables: { input: { cityId: gwangju, title: `Shortcut ${randomUUID()}`, summary: 'Awaiting review.' } },
    });
    expect(draft.body.errors).toBeUndefined();

    const after = await post(url, query);
    expect(proxy.count(marker)).toBe(calls + 1);
    expect(await answeredByShortcut(gateway)).toBe(before + 1);
    expect(after.body.data).toEqual(kept.body.data); // a draft is not public: same answer, but read afresh
  });
});

describe('the shortcut and the rate limit', () => {
  let gateway: GatewayApp;
  let url: string;
  const query = `query shortcutBudget { cities(first: 5) { totalCount edges { node { name } } } }`;
  /** cities(first: 5) { edges { node } }: 1 + 5 × 1. */
  const points = 6;

  beforeAll(async () => {
    const started = await startGateway(
      hub.supergraphSdl,
      // Four answers' worth: the fresh one and three from the shortcut; the fifth is refused.
      { RESPONSE_CACHE: 'true', RATE_LIMIT_PUBLIC: String(points * 4), RATE_LIMIT_WINDOW_SECONDS: '3600' },
      { rateLimits: 'configured' },
    );
    gateway = started.gateway;
    url = started.address.url;
  });
  afterAll(async () => {
    await gateway?.close();
  });

  test('charges every answer from the shortcut, and refuses as the full pipeline does once spent', async () => {
    const fresh = await post(url, query);
    expect(fresh.body.extensions.cost.requested).toBe(points);
    expect(remainingOf(fresh)).toBe(points * 3);
    for (const remaining of [points * 2, points, 0]) {
      const answer = await post(url, query);
      expect(answer.status).toBe(200);
      expect(remainingOf(answer)).toBe(remaining);
      expect(answer.body.extensions.cost.remaining).toBe(remaining);
    }
    expect(await answeredByShortcut(gateway)).toBe(3);

    const refused = await post(url, query);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).not.toBeNull();
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(refused.body.errors?.[0]?.extensions?.rateLimit).toMatchObject({ requested: points, remaining: 0 });
    // Refused once, charged once: the refusal went to Apollo with the shortcut's charge, not a second one.
    expect(refused.body.extensions.cost).toMatchObject({ requested: points, remaining: 0 });
    expect(await answeredByShortcut(gateway)).toBe(3);
  });
});

describe('cost estimates', () => {
  let gateway: GatewayApp;
  let url: string;

  beforeAll(async () => {
    ({
      gateway,
      address: { url },
    } = await startGateway(hub.supergraphSdl, { RESPONSE_CACHE: 'false' }));
  });
  afterAll(async () => {
    await gateway?.close();
  });

  const estimates = (outcome: string) => counter(gateway, 'hub_gateway_cost_estimates_total', `outcome="${outcome}"`);

  test('are made once per document and variables, and reused', async () => {
    const query = `query estimated${randomUUID().slice(0, 8)}($first: Int!) { cities(first: $first) { totalCount edges { node { name } } } }`;
    const computed = await estimates('computed');
    const reused = await estimates('reused');
    const first = await post(url, query, { variables: { first: 4 } });
    const again = await post(url, query, { variables: { first: 4 } });
    expect(again.body.extensions.cost.requested).toBe(first.body.extensions.cost.requested);
    expect(first.body.extensions.cost.requested).toBe(5);
    expect(await estimates('computed')).toBe(computed + 1);
    expect(await estimates('reused')).toBe(reused + 1);

    // Other variables are another estimate, and it is theirs.
    const other = await post(url, query, { variables: { first: 7 } });
    expect(other.body.extensions.cost.requested).toBe(8);
    expect(await estimates('computed')).toBe(computed + 2);
  });
});

describe('logging', () => {
  const lines: Array<Record<string, unknown>> = [];
  let raw = '';
  let gateway: GatewayApp;
  let url: string;

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        raw += chunk.toString('utf8');
        done();
      },
    });
    const logger = pino({ name: 'gateway', level: 'info', base: { service: 'gateway' } }, stream);
    ({
      gateway,
      address: { url },
    } = await startGateway(hub.supergraphSdl, { RESPONSE_CACHE: 'true', LOG_LEVEL: 'info' }, { logger }));
  });
  afterAll(async () => {
    await gateway?.close();
  });

  function takeLines() {
    const taken = raw
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    raw = '';
    lines.push(...taken);
    return taken;
  }

  test('one small info line per operation, from the full pipeline and from the shortcut alike', async () => {
    takeLines();
    const name = `logged${'X'.repeat(300)}`;
    const query = `query ${name}($country: String) { cities(first: 2, filter: { country: $country }) { totalCount } }`;
    // A large variable and a long name: neither may reach the log beyond its bound.
    const country = 'X'.repeat(32_000);
    const answers = [
      await post(url, query, { variables: { country } }), // full pipeline
      await post(url, query, { variables: { country } }), // full pipeline (the shortcut keeps short requests only)
      await post(url, `query loggedShort { cities(first: 2) { totalCount } }`),
      await post(url, `query loggedShort { cities(first: 2) { totalCount } }`), // the shortcut
      await post(url, `{ cities(first: 1) { totalCount } }`),
    ];
    for (const answer of answers) expect(answer.status).toBe(200);
    const taken = takeLines();
    const operations = taken.filter((line) => line.msg === 'operation completed');
    expect(operations).toHaveLength(answers.length);
    // Exactly one info line per request: every line about a request carries its id (a process-level warning that
    // happens to land in this window carries none, and is not this test's business).
    const linesPerRequest = new Map<string, number>();
    for (const line of taken) {
      if ((line.level as number) < 30 || typeof line.requestId !== 'string') continue;
      linesPerRequest.set(line.requestId, (linesPerRequest.get(line.requestId) ?? 0) + 1);
    }
    expect([...linesPerRequest.values()]).toEqual(answers.map(() => 1));
    for (const line of operations) {
      expect(JSON.stringify(line).length).toBeLessThan(400);
      expect(Object.keys(line).sort()).toEqual(
        expect.arrayContaining(['durationMs', 'errors', 'operation', 'requestId']),
      );
      expect(String(line.operation).length).toBeLessThanOrEqual(100);
    }
    expect(operations.map((line) => line.operation)).toEqual([
      name.slice(0, 100),
      name.slice(0, 100),
      'loggedShort',
      'loggedShort',
      'anonymous',
    ]);
    expect(operations.map((line) => line.cached ?? false)).toEqual([false, false, false, true, false]);
  });
});
