import { postSigned, startTestSubgraph, type TestSubgraph } from '@hrc/dev-kit/testing';
import { cityIdFromSlug } from '@hrc/domain-kit';
import { ANONYMOUS, type Identity } from '@hrc/service-kit';

import { citiesSubgraph } from '../src/app';

/**
 * The Cache-Control a subgraph answers with, which the gateway combines over an operation's calls to decide what it
 * may cache: the smallest max-age of the types an operation selects, private once a private field is read, and
 * no-store for what is never cached. It is computed from the operation before it runs; these pin what it says,
 * which is never more generous than per-field hints were (a type under an empty list counts too).
 */
let cities: TestSubgraph;
const gwangju = cityIdFromSlug('gwangju');
const secretariat: Identity = { subject: 'cache-policy', organizationId: null, roles: ['secretariat'] };

beforeAll(async () => {
  cities = await startTestSubgraph(citiesSubgraph, { SEED_ON_START: 'real' });
}, 60_000);
afterAll(() => cities?.close());

async function cacheControlOf(query: string, variables?: Record<string, unknown>, identity: Identity = ANONYMOUS) {
  const response = await postSigned(cities.url, JSON.stringify({ query, variables }), identity);
  const body = (await response.json()) as { errors?: unknown };
  expect(body.errors).toBeUndefined();
  return response.headers.get('cache-control');
}

test('a read of directory data is public for its type’s max-age', async () => {
  expect(await cacheControlOf('{ organizations(first: 2) { edges { node { name } } } }')).toBe('max-age=300, public');
});

test('the smallest max-age of the types selected wins, even under a list that comes back empty', async () => {
  expect(
    await cacheControlOf('{ cities(first: 2) { edges { node { name policies(first: 1) { totalCount } } } } }'),
  ).toBe('max-age=60, public');
  expect(
    await cacheControlOf(
      `query($slug: String!) { city(slug: $slug) { name ...Lists } }
       fragment Lists on City { policies(first: 0) { edges { node { title } } } }`,
      { slug: 'no-such-city' },
    ),
  ).toBe('max-age=60, public');
});

test('reading a private field makes the answer private, even when the field is null for the caller', async () => {
  const query = '{ organizations(first: 2) { edges { node { name contactEmail } } } }';
  expect(await cacheControlOf(query)).toBe('max-age=300, private');
  expect(await cacheControlOf(query, undefined, secretariat)).toBe('max-age=300, private');
});

test('an entity fetch takes the smallest max-age of the types it represents', async () => {
  const query = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on City { name } } }`;
  expect(await cacheControlOf(query, { representations: [{ __typename: 'City', id: gwangju }] })).toBe(
    'max-age=300, public',
  );
});

test('an entity fetch counts wherever it sits and whatever its variable is called', async () => {
  const row = { __typename: 'NetworkReportRow', cityId: gwangju, scope: 'any' };
  const city = { __typename: 'City', id: gwangju };
  // Inside a root fragment, inline or named, beside a listed root field.
  expect(
    await cacheControlOf(
      `query($r: [_Any!]!) { organizations(first: 1) { totalCount } ... on Query { _entities(representations: $r) { __typename } } }`,
      { r: [row] },
    ),
  ).toBe('no-store');
  expect(
    await cacheControlOf(
      `query($r: [_Any!]!) { ...Fetch } fragment Fetch on Query { _entities(representations: $r) { ... on City { name } } }`,
      { r: [row] },
    ),
  ).toBe('no-store');
  // The representations the fetch really gets count, not a variable that happens to be called so.
  expect(
    await cacheControlOf(
      `query($representations: [_Any!]!, $r: [_Any!]!) {
         listed: _entities(representations: $representations) @skip(if: true) { __typename }
         _entities(representations: $r) { __typename } }`,
      { representations: [city], r: [row] },
    ),
  ).toBe('no-store');
  expect(
    await cacheControlOf(`{ _entities(representations: [{ __typename: "City", id: "${gwangju}" }]) { __typename } }`),
  ).toBe('no-store');
});

test('what is never cached says no-store: a type without a max-age, a report row, the service SDL', async () => {
  expect(await cacheControlOf('{ networkReport { network { cities { cities } } } }')).toBe('no-store');
  const scope = (await cities.query<{ networkReport: { scope: string } }>('{ networkReport { scope } }')).data!
    .networkReport.scope;
  expect(
    await cacheControlOf(
      `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on NetworkReportRow { cityId } } }`,
      { representations: [{ __typename: 'NetworkReportRow', cityId: gwangju, scope }] },
    ),
  ).toBe('no-store');
  expect(await cacheControlOf('{ _service { sdl } }')).toBe('no-store');
});
