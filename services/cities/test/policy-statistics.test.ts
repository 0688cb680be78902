import { countStatements, startTestSubgraph, type TestSubgraph } from '@hrc/dev-kit/testing';
import { ModerationStatus, Theme } from '@hrc/domain-kit';
import { ANONYMOUS, type Identity } from '@hrc/service-kit';

import { citiesSubgraph } from '../src/app';
import { City } from '../src/city/city.entity';
import { Region } from '../src/city/city.enums';
import { Policy } from '../src/policy/policy.entity';
import { PolicyStage } from '../src/policy/policy.enums';
import { secretariat } from './support';

let cities: TestSubgraph;
beforeAll(async () => {
  cities = await startTestSubgraph(citiesSubgraph, { SEED_ON_START: 'real' });
});
afterAll(() => cities.close());

async function data<T = any>(query: string, variables?: Record<string, unknown>, identity: Identity = ANONYMOUS) {
  const result = await cities.query<T>(query, variables, identity);
  expect(result.errors).toBeUndefined();
  return result.data as T;
}

const STATISTICS = `policies includesSampleData byTheme { theme count } bySdg { sdg count } byStage { stage count }
  byRegion { region count } byCountry { country count } byAdoptionYear { year count }`;

/** The same figures counted by hand from the `policies` list, as an independent check of the SQL. */
async function countedFromList(filter: Record<string, unknown> = {}) {
  const { policies } = await data(
    `query($filter: PolicyFilter) { policies(first: 100, filter: $filter) { totalCount
      edges { node { themes sdgs stage adoptedOn adoptedIn city { region country } } } } }`,
    { filter },
  );
  const tally = (keys: Array<string | number | null>) => {
    const counts = new Map<string | number | null, number>();
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
    return counts;
  };
  const nodes = policies.edges.map((edge: any) => edge.node);
  return {
    policies: policies.totalCount,
    themes: tally(nodes.flatMap((node: any) => node.themes)),
    sdgs: tally(nodes.flatMap((node: any) => node.sdgs)),
    countries: tally(nodes.map((node: any) => node.city.country)),
    years: tally(nodes.map((node: any) => (node.adoptedOn ? Number(node.adoptedOn.slice(0, 4)) : node.adoptedIn))),
  };
}

const asMap = (items: any[], key: string) => new Map(items.map((item) => [item[key], item.count]));

test('the network: counts by every dimension equal a count of the policies list', async () => {
  const { policyStatistics } = await data(`{ policyStatistics { ${STATISTICS} } }`);
  const expected = await countedFromList();
  expect(policyStatistics.policies).toBe(expected.policies);
  expect(policyStatistics.policies).toBeGreaterThan(5);
  expect(policyStatistics.includesSampleData).toBe(false);
  expect(asMap(policyStatistics.byTheme, 'theme')).toEqual(expected.themes);
  expect(asMap(policyStatistics.bySdg, 'sdg')).toEqual(expected.sdgs);
  expect(asMap(policyStatistics.byCountry, 'country')).toEqual(expected.countries);
  expect(asMap(policyStatistics.byAdoptionYear, 'year')).toEqual(expected.years);
  const sum = (items: any[]) => items.reduce((total, item) => total + item.count, 0);
  expect(sum(policyStatistics.byStage)).toBe(expected.policies);
  expect(sum(policyStatistics.byRegion)).toBe(expected.policies);
  expect(policyStatistics.bySdg.map((item: any) => item.sdg)).toEqual(
    [...policyStatistics.bySdg.map((item: any) => item.sdg)].sort((a: number, b: number) => a - b),
  );
});

test('takes the same filter as policies, and a region', async () => {
  const { policyStatistics } = await data(`{ policyStatistics(filter: { sdg: 11 }) { ${STATISTICS} } }`);
  const expected = await countedFromList({ sdg: 11 });
  expect(policyStatistics.policies).toBe(expected.policies);
  expect(asMap(policyStatistics.byTheme, 'theme')).toEqual(expected.themes);
  const { policyStatistics: europe } = await data(
    `{ policyStatistics(region: EUROPE) { policies byRegion { region count } } }`,
  );
  expect(europe.byRegion).toEqual([{ region: 'EUROPE', count: europe.policies }]);
  const { policyStatistics: none } = await data(
    `{ policyStatistics(filter: { search: "no such words anywhere" }) { ${STATISTICS} } }`,
  );
  expect(none).toEqual({
    policies: 0,
    includesSampleData: false,
    byTheme: [],
    bySdg: [],
    byStage: [],
    byRegion: [],
    byCountry: [],
    byAdoptionYear: [],
  });
});

test('an SDG goal out of range is BAD_USER_INPUT naming the field', async () => {
  const result = await cities.query(`{ policyStatistics(filter: { sdg: 18 }) { policies } }`);
  expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  expect(JSON.stringify(result.errors?.[0]?.extensions)).toContain('sdg');
});

test('City.policyStatistics: per city, one statement for a whole page of cities', async () => {
  const query = `{ cities(first: 100) { edges { node { slug policyStatistics(filter: { theme: HOUSING }) { policies byStage { stage count } } } } } }`;
  const before = await countStatements(cities.app.orm, () => cities.query(query));
  const em = cities.app.orm.em.fork();
  for (let index = 0; index < 30; index += 1) {
    const city = em.create(City, {
      slug: `statistics-city-${index}`,
      name: `Statistics City ${index}`,
      country: 'KE',
      region: Region.AFRICA,
      mechanisms: [],
      memberships: [],
    });
    em.create(Policy, {
      cityId: city.id,
      status: ModerationStatus.PUBLISHED,
      title: `Housing policy ${index}`,
      summary: 'test data',
      themes: [Theme.HOUSING],
      sdgs: [11],
      stage: PolicyStage.IMPLEMENTED,
      isSampleData: true,
    });
  }
  await em.flush();
  const after = await countStatements(cities.app.orm, () => cities.query(query));
  expect(after.result.errors).toBeUndefined();
  const edges = (after.result.data as any).cities.edges;
  const added = edges.find((edge: any) => edge.node.slug === 'statistics-city-7');
  expect(added.node.policyStatistics).toEqual({ policies: 1, byStage: [{ stage: 'IMPLEMENTED', count: 1 }] });
  expect(after.statements.length).toBe(before.statements.length);
  // The page of cities, and one statement for every city's statistics.
  expect(after.statements).toHaveLength(2);
  const { policyStatistics } = await data(
    `{ policyStatistics(region: AFRICA) { policies includesSampleData } }`,
    undefined,
    secretariat,
  );
  expect(policyStatistics).toEqual({ policies: 30, includesSampleData: true });
});
