import { postSigned, startTestSubgraph, TEST_SIGNING_SECRET, type TestSubgraph } from '@hrc/dev-kit/testing';
import { encodeIdentityHeader, IDENTITY_HEADER, SIGNATURE_HEADER, signSubgraphCall } from '@hrc/service-kit';

import { citiesSubgraph } from '../src/app';

let cities: TestSubgraph;
beforeAll(async () => {
  cities = await startTestSubgraph(citiesSubgraph, { SEED_ON_START: 'real' });
});
afterAll(() => cities.close());

const bodies = {
  query: JSON.stringify({ query: '{ cities(first: 1) { totalCount } }' }),
  entities: JSON.stringify({
    query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on City { slug } } }',
    variables: { r: [{ __typename: 'City', slug: 'gwangju' }] },
  }),
  service: JSON.stringify({ query: '{ _service { sdl } }' }),
};

function post(body: string, headers: Record<string, string> = {}) {
  return fetch(cities.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

describe('subgraphs accept only gateway-signed requests', () => {
  test.each(Object.entries(bodies))('an unsigned %s request gets 401 and no data', async (_kind, body) => {
    const response = await post(body);
    expect(response.status).toBe(401);
    const json = (await response.json()) as any;
    expect(json.data).toBeUndefined();
    expect(json.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  test.each(Object.entries(bodies))('a correctly signed %s request is answered', async (_kind, body) => {
    const response = await postSigned(cities.url, body);
    expect(response.status).toBe(200);
    expect(((await response.json()) as any).errors).toBeUndefined();
  });

  test('a signature made with another secret is refused', async () => {
    const response = await postSigned(cities.url, bodies.query, undefined, 'another-secret-that-is-long-enough-00000');
    expect(response.status).toBe(401);
  });

  test('a body swapped after signing is refused', async () => {
    const identity = encodeIdentityHeader({ subject: null, organizationId: null, roles: [] }, 'request-1');
    const signature = signSubgraphCall(TEST_SIGNING_SECRET, identity, bodies.query);
    const response = await post(bodies.service, { [IDENTITY_HEADER]: identity, [SIGNATURE_HEADER]: signature });
    expect(response.status).toBe(401);
  });

  test('an identity upgraded after signing is refused', async () => {
    const anonymous = encodeIdentityHeader({ subject: null, organizationId: null, roles: [] }, 'request-2');
    const signature = signSubgraphCall(TEST_SIGNING_SECRET, anonymous, bodies.query);
    const secretariat = encodeIdentityHeader(
      { subject: 'x', organizationId: null, roles: ['secretariat'] },
      'request-2',
    );
    const response = await post(bodies.query, { [IDENTITY_HEADER]: secretariat, [SIGNATURE_HEADER]: signature });
    expect(response.status).toBe(401);
  });

  test('a replayed signature older than five minutes is refused', async () => {
    const old = encodeIdentityHeader(
      { subject: null, organizationId: null, roles: [] },
      'request-3',
      Date.now() - 10 * 60_000,
    );
    const response = await post(bodies.query, {
      [IDENTITY_HEADER]: old,
      [SIGNATURE_HEADER]: signSubgraphCall(TEST_SIGNING_SECRET, old, bodies.query),
    });
    expect(response.status).toBe(401);
  });
});

describe('operational endpoints are open', () => {
  test('health, readiness and metrics', async () => {
    const base = cities.url.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    await postSigned(
      cities.url,
      JSON.stringify({ query: 'query CountCities { cities(first: 1) { totalCount } }', operationName: 'CountCities' }),
    );
    // Metrics are served on the internal metrics port only.
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    const metrics = await (await fetch(cities.metricsUrl)).text();
    expect(metrics).toMatch(/hub_graphql_requests_total\{operation="CountCities",service="cities"\} 1/);
    expect(metrics).toMatch(/hub_db_pool_connections\{state="used",service="cities"\}/);
  });
});
