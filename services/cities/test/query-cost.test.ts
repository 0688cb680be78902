import { countStatements, startTestSubgraph, type TestSubgraph } from '@hrc/dev-kit/testing';
import { ModerationStatus, Theme } from '@hrc/domain-kit';

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
  // cities page + count, policies page + count, indicator values, contributing organisations; the cities
  // referenced back from policies and organisations come from the primed loader.
  expect(large.statements).toHaveLength(6);
});
