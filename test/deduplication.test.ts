import { randomUUID } from 'node:crypto';

import { organizationIdFromSlug } from '@hrc/domain-kit';
import type { GatewayApp } from '@hrc/gateway';

import { CountingProxy, counterValue, eventually } from './support/counting-proxy';
import { startGateway, startHub, type RunningHub } from './support/hub';

/*
 * In-flight deduplication (gateway/src/deduplication.ts), counted at the subgraph: a proxy in front of the cities
 * subgraph counts the calls that reach it and holds them until every client request has reached the gateway's
 * fetcher (as its metrics show), so the calls overlap by construction, not by timing.
 */
let hub: RunningHub;
let proxy: CountingProxy;
let gateway: GatewayApp;
let url: string;
let metricsUrl: string;

beforeAll(async () => {
  hub = await startHub({ only: ['cities'] });
  proxy = new CountingProxy(hub.subgraphs.get('cities')!.url);
  const started = await startGateway(hub.supergraphSdl, { CITIES_SUBGRAPH_URL: await proxy.start() });
  gateway = started.gateway;
  url = started.address.url;
  metricsUrl = started.address.metricsUrl;
});
afterAll(async () => {
  await gateway?.close();
  await proxy?.close();
  await hub?.close();
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
  return (await response.json()) as { data?: any; errors?: Array<{ extensions?: { code?: string } }> };
}

const fetches = (outcome: string) =>
  counterValue(metricsUrl, 'hub_gateway_subgraph_query_fetches_total', `outcome="${outcome}"`);

/** Sends the requests with the subgraph held until `expected` calls reached the gateway's fetcher, then lets them go. */
async function overlapping<T>(marker: string, expected: number, send: () => Promise<T>[]): Promise<T[]> {
  const sharedBefore = await fetches('shared');
  const reachedBefore = proxy.count(marker);
  proxy.hold();
  const answers = Promise.all(send());
  try {
    await eventually(
      async () => proxy.count(marker) - reachedBefore + ((await fetches('shared')) - sharedBefore) >= expected,
    );
  } finally {
    proxy.release();
  }
  return answers;
}

test('identical concurrent anonymous queries make one subgraph call and all get the answer', async () => {
  const marker = 'dedupAnonymous';
  const query = `query ${marker} { cities(first: 3) { totalCount edges { node { name } } } }`;
  const before = proxy.count(marker);
  const answers = await overlapping(marker, 8, () => Array.from({ length: 8 }, () => post(query)));
  expect(proxy.count(marker) - before).toBe(1);
  for (const answer of answers) {
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual(answers[0]!.data);
  }
  expect(answers[0]!.data.cities.edges).toHaveLength(3);
});

test("a partner's query and the same query from the public are not merged", async () => {
  const marker = 'dedupIdentity';
  const query = `query ${marker} { policies(first: 2) { totalCount } }`;
  const partner = await hub.token('partner', organizationIdFromSlug('gwangju-international-center'));
  const before = proxy.count(marker);
  const sharedBefore = await fetches('shared');
  const answers = await overlapping(marker, 2, () => [post(query), post(query, { token: partner })]);
  expect(proxy.count(marker) - before).toBe(2);
  expect((await fetches('shared')) - sharedBefore).toBe(0);
  for (const answer of answers) expect(answer.errors).toBeUndefined();
});

test('two partner organisations are not merged either', async () => {
  const marker = 'dedupOrganisations';
  const query = `query ${marker} { policies(first: 2) { totalCount } }`;
  const one = await hub.token('partner', organizationIdFromSlug('gwangju-international-center'));
  const other = await hub.token('partner', randomUUID());
  const before = proxy.count(marker);
  await overlapping(marker, 2, () => [post(query, { token: one }), post(query, { token: other })]);
  expect(proxy.count(marker) - before).toBe(2);
});

test('identical concurrent mutations are each sent', async () => {
  const secretariat = await hub.token('secretariat');
  const mutation = `mutation dedupMutation($id: ID!) {
    moderatePolicy(id: $id, expectedVersion: 1, input: { decision: APPROVE }) { id } }`;
  const variables = { id: randomUUID() };
  const before = proxy.count('dedupMutation');
  const answers = await overlapping('dedupMutation', 3, () =>
    Array.from({ length: 3 }, () => post(mutation, { token: secretariat, variables })),
  );
  expect(proxy.count('dedupMutation') - before).toBe(3);
  for (const answer of answers) expect(answer.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
});
