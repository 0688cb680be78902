import http from 'node:http';

import { SignJWT } from 'jose';

import { mintToken } from '@hrc/dev-kit';
import { organizationIdFromSlug } from '@hrc/domain-kit';
import { createSigningFetcher } from '@hrc/gateway';

import { TEST_JWT_SECRET, startHub, type RunningHub } from './support/hub';

let hub: RunningHub;
beforeAll(async () => {
  hub = await startHub({ only: ['cities', 'events'] });
});
afterAll(() => hub.close());

const CREATE_POLICY = `mutation($input: CreatePolicyInput!) { createPolicy(input: $input) { id status } }`;

async function post(body: string, headers: Record<string, string> = {}) {
  return fetch(hub.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

describe('tokens', () => {
  const readQuery = JSON.stringify({ query: '{ cities(first: 1) { totalCount } }' });

  test('no token is the public', async () => {
    const response = await post(readQuery);
    expect(response.status).toBe(200);
    expect(((await response.json()) as any).data.cities.totalCount).toBe(11);
  });

  const secret = new TextEncoder().encode(TEST_JWT_SECRET);
  const claims = { roles: ['secretariat'] };
  const cases: Array<[string, () => Promise<string>]> = [
    [
      'signed with another secret',
      () => mintToken('another-secret-of-sufficient-length-000000', { roles: ['secretariat'] }),
    ],
    [
      'expired',
      () =>
        new SignJWT(claims)
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('x')
          .setIssuer('whrcf-hub')
          .setAudience('whrcf-hub-api')
          .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
          .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
          .sign(secret),
    ],
    [
      'for another audience',
      () =>
        new SignJWT(claims)
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('x')
          .setIssuer('whrcf-hub')
          .setAudience('someone-else')
          .setExpirationTime('1h')
          .sign(secret),
    ],
    [
      'from another issuer',
      () =>
        new SignJWT(claims)
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('x')
          .setIssuer('evil')
          .setAudience('whrcf-hub-api')
          .setExpirationTime('1h')
          .sign(secret),
    ],
    [
      'unsigned (alg: none)',
      async () => {
        const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
        const now = Math.floor(Date.now() / 1000);
        return `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ ...claims, sub: 'x', iss: 'whrcf-hub', aud: 'whrcf-hub-api', exp: now + 3600 })}.`;
      },
    ],
    [
      'with an unknown role',
      () =>
        new SignJWT({ roles: ['admin'] })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('x')
          .setIssuer('whrcf-hub')
          .setAudience('whrcf-hub-api')
          .setExpirationTime('1h')
          .sign(secret),
    ],
    ['a partner token without an organisation', () => mintToken(TEST_JWT_SECRET, { roles: ['partner'] })],
    ['garbage', async () => 'not.a.token'],
    [
      'without an expiry (exp)',
      () =>
        new SignJWT(claims)
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('x')
          .setIssuer('whrcf-hub')
          .setAudience('whrcf-hub-api')
          .setIssuedAt()
          .sign(secret),
    ],
    [
      'issued in the future (iat an hour ahead)',
      () =>
        new SignJWT(claims)
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('x')
          .setIssuer('whrcf-hub')
          .setAudience('whrcf-hub-api')
          .setIssuedAt(Math.floor(Date.now() / 1000) + 3600)
          .setExpirationTime(Math.floor(Date.now() / 1000) + 7200)
          .sign(secret),
    ],
    ['with an empty subject', () => mintToken(TEST_JWT_SECRET, { subject: '', roles: ['secretariat'] })],
    [
      'whose organisation is not a UUID',
      () => mintToken(TEST_JWT_SECRET, { roles: ['partner'], organizationId: 'gwangju-metropolitan-city' }),
    ],
  ];

  test.each(cases)('a token %s is refused with 401 UNAUTHENTICATED, never served as public', async (_label, make) => {
    const response = await post(readQuery, { authorization: `Bearer ${await make()}` });
    expect(response.status).toBe(401);
    const json = (await response.json()) as any;
    expect(json.data).toBeUndefined();
    expect(json.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  test('a refused claim is named in the message', async () => {
    const token = await mintToken(TEST_JWT_SECRET, { roles: ['partner'], organizationId: 'not-a-uuid' });
    const response = await post(readQuery, { authorization: `Bearer ${token}` });
    expect(((await response.json()) as any).errors[0].message).toMatch(/"org"/);
  });

  test('a token issued a few seconds ahead of the gateway clock is accepted (clock tolerance)', async () => {
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuer('whrcf-hub')
      .setAudience('whrcf-hub-api')
      .setIssuedAt(Math.floor(Date.now() / 1000) + 5)
      .setExpirationTime('1h')
      .sign(secret);
    expect((await post(readQuery, { authorization: `Bearer ${token}` })).status).toBe(200);
  });

  test('a malformed Authorization header is refused', async () => {
    expect((await post(readQuery, { authorization: 'Basic abc' })).status).toBe(401);
  });
});

describe('identity reaches the subgraphs', () => {
  const input = { cityId: '', title: 'Gateway-routed policy', summary: 'Created through the gateway.' };

  beforeAll(async () => {
    const { data } = await hub.query(`{ city(slug: "gwangju") { id } }`);
    input.cityId = (data as any).city.id;
  });

  test('no token: writes are UNAUTHENTICATED', async () => {
    const result = await hub.query(CREATE_POLICY, { variables: { input } });
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('a partner writes as its organisation; another partner cannot change it', async () => {
    const owner = await hub.token('partner', organizationIdFromSlug('gwangju-metropolitan-city'));
    const created = await hub.query(CREATE_POLICY, { variables: { input }, token: owner });
    expect((created.data as any).createPolicy.status).toBe('SUBMITTED');
    const other = await hub.token('partner', organizationIdFromSlug('etc-graz'));
    const hijack = await hub.query(
      `mutation($id: ID!) { updatePolicy(id: $id, expectedVersion: 1, input: { title: "Hijacked" }) { id } }`,
      { variables: { id: (created.data as any).createPolicy.id }, token: other },
    );
    expect(hijack.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('an organisation claim counts only for a partner', () => {
  test("a liaison token carrying a partner's org reads none of that organisation's drafts", async () => {
    const gwangju = organizationIdFromSlug('gwangju-metropolitan-city');
    const { data: city } = await hub.query(`{ city(slug: "gwangju") { id } }`);
    const owner = await hub.token('partner', gwangju);
    const created = await hub.query(CREATE_POLICY, {
      variables: { input: { cityId: (city as any).city.id, title: 'Draft for the org claim', summary: 'Draft.' } },
      token: owner,
    });
    const id = (created.data as any).createPolicy.id;
    const read = `query($id: ID!) { policy(id: $id) { id } myContributions: policies(first: 100, filter: { status: SUBMITTED }) { totalCount } }`;
    const asOwner = await hub.query(read, { variables: { id }, token: owner });
    expect((asOwner.data as any).policy).toEqual({ id });

    const liaison = await hub.query(read, { variables: { id }, token: await hub.token('liaison', gwangju) });
    expect(liaison.errors).toBeUndefined();
    expect((liaison.data as any).policy).toBeNull();
    expect((liaison.data as any).myContributions.totalCount).toBe(0);
  });
});

describe('the gateway protects itself', () => {
  test('bodies over 1 MB are refused with 413', async () => {
    const response = await post(
      JSON.stringify({ query: `{ cities(first: 1) { totalCount } }`, padding: 'x'.repeat(1_100_000) }),
    );
    expect(response.status).toBe(413);
  });

  test('batched requests are refused', async () => {
    const one = { query: '{ cities(first: 1) { totalCount } }' };
    const response = await post(JSON.stringify([one, one]));
    expect(response.status).toBe(400);
  });

  test('CSRF prevention: a simple GET without a preflight header is refused', async () => {
    const response = await fetch(`${hub.url}?query=${encodeURIComponent('{ cities(first: 1) { totalCount } }')}`);
    expect(response.status).toBe(400);
    const allowed = await fetch(`${hub.url}?query=${encodeURIComponent('{ cities(first: 1) { totalCount } }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(allowed.status).toBe(200);
  });

  test('every response carries a request id', async () => {
    const response = await post(JSON.stringify({ query: '{ cities(first: 1) { totalCount } }' }));
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('a hung subgraph fetch is cut off by the timeout', async () => {
    const hung = http.createServer(() => undefined);
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    const { port } = hung.address() as { port: number };
    const fetcher = createSigningFetcher('test-secret-that-is-long-enough-000000000', 200);
    // The server never answers: only the fetcher's own timeout can end this call.
    await expect(
      fetcher(`http://127.0.0.1:${port}/graphql`, { method: 'POST', body: '{}', headers: {} }),
    ).rejects.toThrow(/abort|timeout/i);
    hung.closeAllConnections();
    hung.close();
  });
});
