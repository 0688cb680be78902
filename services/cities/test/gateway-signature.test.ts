import { postSigned, startTestSubgraph, TEST_SIGNING_SECRET, type TestSubgraph } from '@hrc/dev-kit/testing';
import { cityIdFromSlug } from '@hrc/domain-kit';
import { encodeIdentityHeader, type Identity, signGatewayCall } from '@hrc/service-kit';

import { citiesSubgraph } from '../src/app';
import { Policy } from '../src/policy/policy.entity';
import { secretariat } from './support';

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

/** Signs a call to the cities subgraph as the gateway does; `url` defaults to its GraphQL endpoint. */
function sign(
  method: string,
  body: string,
  options: { identity?: Identity; now?: number; url?: string } = {},
): Record<string, string> {
  const identityHeader = encodeIdentityHeader(
    options.identity ?? { subject: null, organizationId: null, roles: [] },
    'request-1',
    options.now,
  );
  return signGatewayCall(TEST_SIGNING_SECRET, {
    method,
    url: options.url ?? cities.url,
    identityHeader,
    body,
    now: options.now,
  });
}

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
    const signed = sign('POST', bodies.query);
    const response = await post(bodies.service, signed);
    expect(response.status).toBe(401);
  });

  test('an identity upgraded after signing is refused', async () => {
    const signed = sign('POST', bodies.query);
    const secretariatHeader = encodeIdentityHeader(
      { subject: 'x', organizationId: null, roles: ['secretariat'] },
      'request-2',
    );
    const response = await post(bodies.query, { ...signed, 'x-hub-identity': secretariatHeader });
    expect(response.status).toBe(401);
  });

  test('a signature older than a minute is refused', async () => {
    const response = await post(bodies.query, sign('POST', bodies.query, { now: Date.now() - 2 * 60_000 }));
    expect(response.status).toBe(401);
  });

  test('a captured mutation replayed is refused, and only the first one is written', async () => {
    const body = JSON.stringify({
      query: `mutation { createPolicy(input: { cityId: "${cityIdFromSlug('gwangju')}", title: "Replayed", summary: "Once." }) { id } }`,
    });
    const captured = sign('POST', body, { identity: secretariat });
    const first = await post(body, captured);
    expect(first.status).toBe(200);
    expect(((await first.json()) as any).errors).toBeUndefined();
    for (let replay = 0; replay < 3; replay++) {
      const again = await post(body, captured);
      expect(again.status).toBe(401);
      expect(((await again.json()) as any).errors[0].message).toMatch(/already been used/);
    }
    expect(await cities.app.orm.em.fork().count(Policy, { title: 'Replayed' })).toBe(1);
  });

  test('a signed GET for a calendar feed does not open GET /graphql', async () => {
    const base = cities.url.replace(/\/graphql$/, '');
    const captured = sign('GET', '', { url: `${base}/calendar/cities/${cityIdFromSlug('gwangju')}.ics` });
    const response = await fetch(`${cities.url}?query=${encodeURIComponent('{_service{sdl}}')}`, {
      headers: { ...captured, 'apollo-require-preflight': 'true' },
    });
    expect(response.status).toBe(401);
    expect(await response.text()).not.toMatch(/type City/);
  });

  test('a signed query is not accepted for another query string', async () => {
    const url = `${cities.url}?query=${encodeURIComponent('{ cities(first: 1) { totalCount } }')}`;
    const captured = sign('GET', '', { url });
    const other = `${cities.url}?query=${encodeURIComponent('{_service{sdl}}')}`;
    const response = await fetch(other, { headers: { ...captured, 'apollo-require-preflight': 'true' } });
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
