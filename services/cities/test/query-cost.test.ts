import { countStatements, promisesCreatedBy, startTestSubgraph, type TestSubgraph } from '@hrc/dev-kit/testing';
import { ModerationStatus, Theme } from '@hrc/domain-kit';
import { ANONYMOUS } from '@hrc/service-kit';

import { citiesSubgraph } from '../src/app';
import { City } from '../src/city/city.entity';
import { Region } from '../src/city/city.enums';
import { Organization } from '../src/organization/organization.entity';
import { OrganizationKind } from '../src/organization/organization.enums';
import { Policy } from '../src/policy/policy.entity';

const CITY_COUNT = 120;
let cities: TestSubgraph;
const cityIds: string[] = [];

beforeAll(async () => {
  cities = await startTestSubgraph(citiesSubgraph);
  const em = cities.app.orm.em.fork();
  for (let index = 0; index < CITY_COUNT; index += 1) {
    const city = em.create(City, {
      slug: `test-city-${index}`,
      name: `Test City ${index}`,
      country: 'KR',
      region: Region.ASIA,
      mechanisms: [],
      memberships: [],
    });
    const organization = em.create(Organization, {
      slug: `test-org-${index}`,
      name: `Test Org ${index}`,
      kind: OrganizationKind.NGO,
      country: 'KR',
      homeCityId: city.id,
    });
    cityIds.push(city.id);
    for (let policy = 0; policy < 5; policy += 1) {
      em.create(Policy, {
        cityId: city.id,
        contributedBy: organization.id,
        status: ModerationStatus.PUBLISHED,
        title: `Policy ${policy} of city ${index}`,
        summary: 'Synthetic test data',
        themes: [Theme.HOUSING],
        sdgs: [11],
      });
    }
  }
  await em.flush();
});
afterAll(() => cities.close());

async function statementsFor(query: string, variables?: Record<string, unknown>) {
  const { result, statements } = await countStatements(cities.app.orm, () => cities.query(query, variables));
  expect(result.errors).toBeUndefined();
  return { data: result.data as any, statements };
}

test('_entities with 50 City representations runs exactly one SELECT', async () => {
  const representations = cityIds.slice(0, 50).map((id) => ({ __typename: 'City', id }));
  const { data, statements } = await statementsFor(
    `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on City { id slug } } }`,
    { representations },
  );
  expect(data._entities).toHaveLength(50);
  expect(data._entities.map((city: any) => city.id)).toEqual(cityIds.slice(0, 50));
  expect(statements).toHaveLength(1);
  expect(statements[0]).toMatch(/^select/i);
});

test('_entities by slug batches too', async () => {
  const representations = Array.from({ length: 30 }, (_, index) => ({
    __typename: 'City',
    slug: `test-city-${index}`,
  }));
  const { statements } = await statementsFor(
    `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on City { id } } }`,
    { representations },
  );
  expect(statements).toHaveLength(1);
});

const PAGE_WITH_RELATIONS = `query($first: Int!) {
  cities(first: $first) {
    totalCount
    edges { node { slug
      policies(first: 3) { totalCount edges { node { title city { slug } contributor { slug homeCity { slug } } } } }
      indicatorValues(year: 2023) { value }
    } }
  }
}`;

test('a city page with nested policies costs the same for 10 cities as for 100', async () => {
  const small = await statementsFor(PAGE_WITH_RELATIONS, { first: 10 });
  const large = await statementsFor(PAGE_WITH_RELATIONS, { first: 100 });
  expect(large.data.cities.edges).toHaveLength(100);
  expect(large.data.cities.edges[99].node.policies.edges).toHaveLength(3);
  expect(large.data.cities.edges[99].node.policies.totalCount).toBe(5);
  expect(large.statements.length).toBe(small.statements.length);
  // cities page with its count, policies pages with their counts, indicator values, contributing organisations;
  // the cities referenced back from policies and organisations come from the primed loader.
  expect(large.statements).toHaveLength(4);
});

test("a page's promises grow with its nested lists, not with every node and field: under 70 a city with 3 policies", async () => {
  // Every promise passes AsyncLocalStorage's hooks. type-graphql's argument handling made each node's translated
  // name and title a promise, and graphql-js then awaited each node: 137 promises a city with 3 policies; 44 now.
  const PAGE = `query($first: Int!) { cities(first: $first) { totalCount edges { node { id name country region
    policies(first: 3) { totalCount edges { node { title status adoptedIn } } } } } } }`;
  const promisesFor = async (first: number) => {
    let edges = 0;
    const promises = await promisesCreatedBy(async () => {
      const result = await cities.query<any>(PAGE, { first });
      expect(result.errors).toBeUndefined();
      edges = result.data.cities.edges.length;
    });
    expect(edges).toBe(first);
    return promises;
  };
  await promisesFor(10); // prepares the statements, so both counts below are of the same work
  const perCity = ((await promisesFor(40)) - (await promisesFor(10))) / 30;
  expect(perCity).toBeLessThan(70);
});

describe('a total selected beside its page is counted in the page statement', () => {
  const SPARSE = `query($ids: [_Any!]!, $after: String) { _entities(representations: $ids) {
    ... on City { policies(first: 2, after: $after) { totalCount pageInfo { endCursor } edges { node { title } } } }
  } }`;
  const representations = (ids: string[]) => ids.map((id) => ({ __typename: 'City', id }));
  const policies = () => cities.app.orm.em.fork().getRepository(Policy);
  // The cities themselves are read too (this subgraph resolves their references); these are the policy statements.
  const policyStatements = (statements: string[]) => statements.filter((sql) => sql.includes('"cities"."policy"'));

  test('the totals equal the counts made apart, for many parents, one parent and a parent with none', async () => {
    const unknownCity = '00000000-0000-4000-8000-000000000000';
    const keys = [...cityIds.slice(0, 4), unknownCity];
    const apart = await policies().countsByParent(ANONYMOUS, 'city', undefined, keys);
    expect([...apart.values()]).toEqual([5, 5, 5, 5, 0]);
    for (const batch of [keys, keys.slice(0, 1), [unknownCity]]) {
      const pages = await policies().pagesByParent(ANONYMOUS, 'city', { first: 2, withTotal: true }, batch);
      expect(batch.map((key) => pages.get(key)!.totalCount)).toEqual(batch.map((key) => apart.get(key)));
      expect(batch.map((key) => pages.get(key)!.edges.length)).toEqual(
        batch.map((key) => Math.min(2, apart.get(key)!)),
      );
    }
  });

  test('through the API: one statement for pages and totals, and a page past the end still has its total', async () => {
    const first = await statementsFor(SPARSE, { ids: representations(cityIds.slice(0, 3)) });
    expect(policyStatements(first.statements)).toHaveLength(1);
    expect(first.data._entities.map((city: any) => city.policies.totalCount)).toEqual([5, 5, 5]);
    // After the last policy the page is empty, so its statement returns no row to carry the total: counted apart.
    const last = await statementsFor(
      `query($id: ID!) { city(id: $id) { policies(first: 5) { pageInfo { endCursor } } } }`,
      {
        id: cityIds[0],
      },
    );
    const after = last.data.city.policies.pageInfo.endCursor;
    const past = await statementsFor(SPARSE, { ids: representations(cityIds.slice(0, 1)), after });
    expect(past.data._entities[0].policies).toMatchObject({ totalCount: 5, edges: [] });
    expect(policyStatements(past.statements)).toHaveLength(2);
  });

  test('after a cursor, the totals still count every match, for many parents and for a whole list', async () => {
    const keys = cityIds.slice(0, 3);
    const firstPages = await policies().pagesByParent(ANONYMOUS, 'city', { first: 4 }, keys);
    // A cursor of the first city's fourth policy: its later page holds 1 policy, the other cities' pages none.
    const after = firstPages.get(keys[0]!)!.edges[3]!.cursor;
    const later = await policies().pagesByParent(ANONYMOUS, 'city', { first: 4, after, withTotal: true }, keys);
    expect(keys.map((key) => later.get(key)!.totalCount)).toEqual([5, 5, 5]);
    expect(later.get(keys[0]!)!.edges).toHaveLength(1);

    const LIST = `query($city: ID!, $after: String) { policies(first: 5, after: $after, filter: { cityId: $city }) {
      totalCount pageInfo { endCursor } edges { node { title } } } }`;
    const whole = await statementsFor(LIST, { city: keys[0] });
    const total = whole.data.policies.totalCount;
    expect(total).toBe(5);
    expect(whole.statements).toHaveLength(1);
    // The page after the last policy is empty, so its total is counted in a statement of its own.
    const past = await statementsFor(LIST, { city: keys[0], after: whole.data.policies.pageInfo.endCursor });
    expect(past.data.policies).toMatchObject({ totalCount: total, edges: [] });
    expect(past.statements).toHaveLength(2);
  });

  test('a total asked for through a fragment is counted with the page too', async () => {
    const { data, statements } = await statementsFor(
      `query($ids: [_Any!]!) { _entities(representations: $ids) { ... on City { policies(first: 1) { ...Total edges { node { title } } } } } }
       fragment Total on PolicyConnection { totalCount }`,
      { ids: representations(cityIds.slice(0, 2)) },
    );
    expect(data._entities.map((city: any) => city.policies.totalCount)).toEqual([5, 5]);
    expect(policyStatements(statements)).toHaveLength(1);
  });
});

test('pages leave a lazy column (the search vector) in the table, at the top and nested', async () => {
  const { data, statements } = await statementsFor(
    `query($ids: [_Any!]!) {
      policies(first: 3) { edges { node { title summary themes } } }
      _entities(representations: $ids) { ... on City { policies(first: 2) { totalCount edges { node { title } } } } }
    }`,
    { ids: cityIds.slice(0, 2).map((id) => ({ __typename: 'City', id })) },
  );
  expect(data.policies.edges[0].node).toMatchObject({ summary: 'Synthetic test data', themes: ['HOUSING'] });
  expect(data._entities.map((city: any) => city.policies.totalCount)).toEqual([5, 5]);
  const policyStatements = statements.filter((sql) => sql.includes('"cities"."policy"'));
  expect(policyStatements).toHaveLength(2);
  // Every column but the vector is named (alias.* would read it too).
  for (const sql of policyStatements) {
    expect(sql).toContain('p."title"');
    expect(sql).not.toMatch(/\bp\.\*/);
    expect(sql).not.toContain('search_vector');
  }
});
