import { countStatements, startTestSubgraph, type TestSubgraph } from '@hrc/dev-kit/testing';
import { cityIdFromSlug, ModerationStatus } from '@hrc/domain-kit';
import { ANONYMOUS, type Identity } from '@hrc/service-kit';

import { citiesSubgraph } from '../src/app';
import { City } from '../src/city/city.entity';
import { Region } from '../src/city/city.enums';
import { Indicator, IndicatorValue } from '../src/indicator/indicator.entity';
import { gwangjuPartner, secretariat } from './support';

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

async function errorOf(query: string, variables?: Record<string, unknown>) {
  const result = await cities.query(query, variables);
  expect(result.errors).toHaveLength(1);
  return result.errors![0]!;
}

describe('indicator values across the network', () => {
  test('the seed marks its made-up values as sample data in a column, not only in the source text', async () => {
    const { indicatorValues } = await data(`{
      indicatorValues(first: 100) { totalCount edges { node { year value source isSampleData city { slug } indicator { code } } } }
    }`);
    expect(indicatorValues.totalCount).toBe(11);
    const derived = indicatorValues.edges.filter((edge: any) => !edge.node.isSampleData);
    expect(derived.map((edge: any) => [edge.node.city.slug, edge.node.indicator.code])).toEqual([
      ['gwangju', 'POL-01'],
    ]);
    for (const edge of indicatorValues.edges.filter((e: any) => e.node.isSampleData)) {
      expect(edge.node.source).toMatch(/^SAMPLE DATA/);
    }
    const years = indicatorValues.edges.map((edge: any) => edge.node.year);
    expect(years).toEqual([...years].sort((a, b) => b - a));
  });

  test('filters by indicator, city, region and years, and pages with a cursor', async () => {
    const { indicator } = await data(`{ indicator(code: "SPA-01") { id } }`);
    const { indicatorValues: europe } = await data(
      `query($id: ID!) { indicatorValues(first: 10, filter: { indicatorId: $id, region: EUROPE, fromYear: 2023, toYear: 2023 }) {
        totalCount edges { node { city { slug } value } } } }`,
      { id: indicator.id },
    );
    expect(europe).toEqual({ totalCount: 1, edges: [{ node: { city: { slug: 'vienna' }, value: 72.3 } }] });

    const { indicatorValues: gwangju2022 } = await data(
      `query($city: ID!) { indicatorValues(first: 10, filter: { cityId: $city, toYear: 2022 }) { totalCount } }`,
      { city: cityIdFromSlug('gwangju') },
    );
    expect(gwangju2022.totalCount).toBe(2);

    const first = await data(
      `{ indicatorValues(first: 4) { edges { node { id } } pageInfo { endCursor hasNextPage } } }`,
    );
    const second = await data(
      `query($after: String!) { indicatorValues(first: 100, after: $after) { edges { node { id } } pageInfo { hasNextPage } } }`,
      { after: first.indicatorValues.pageInfo.endCursor },
    );
    const ids = [...first.indicatorValues.edges, ...second.indicatorValues.edges].map((edge: any) => edge.node.id);
    expect(new Set(ids).size).toBe(11);
    expect(second.indicatorValues.pageInfo.hasNextPage).toBe(false);
  });

  test('indicatorValue(id:) shows a submitted value to its organisation and the secretariat only', async () => {
    const recorded = await cities.query(
      `mutation { recordIndicatorValue(input: { indicatorCode: "CUL-01", cityId: "${cityIdFromSlug('gwangju')}", year: 2024, value: 3, source: "City report 2024" }) { id status isSampleData } }`,
      undefined,
      gwangjuPartner,
    );
    expect(recorded.errors).toBeUndefined();
    const { id, status, isSampleData } = (recorded.data as any).recordIndicatorValue;
    expect({ status, isSampleData }).toEqual({ status: ModerationStatus.SUBMITTED, isSampleData: false });
    const query = `query($id: ID!) { indicatorValue(id: $id) { id year } }`;
    expect((await data(query, { id })).indicatorValue).toBeNull();
    expect((await data(query, { id }, gwangjuPartner)).indicatorValue).toEqual({ id, year: 2024 });
    expect((await data(query, { id }, secretariat)).indicatorValue).toEqual({ id, year: 2024 });
    expect((await data(`{ indicatorValues(first: 100) { totalCount } }`)).indicatorValues.totalCount).toBe(11);
    expect(
      (await data(`{ indicatorValues(first: 100) { totalCount } }`, undefined, secretariat)).indicatorValues.totalCount,
    ).toBe(12);
    expect((await data(query, { id: 'not-a-uuid' })).indicatorValue).toBeNull();
  });

  test('a year range that ends before it starts is BAD_USER_INPUT naming toYear', async () => {
    const error = await errorOf(
      `{ indicatorValues(first: 5, filter: { fromYear: 2024, toYear: 2020 }) { totalCount } }`,
    );
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'toYear' });
    const series = await errorOf(`{ indicators { series(fromYear: 2024, toYear: 2020) { year } } }`);
    expect(series.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'toYear' });
    const outOfRange = await errorOf(`{ indicatorValues(first: 5, filter: { fromYear: 1800 }) { totalCount } }`);
    expect(outOfRange.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('Indicator.series', () => {
  test('per year: cities reporting, min, median and max, and whether sample data is counted', async () => {
    const { indicator } = await data(
      `{ indicator(code: "SPA-01") { series { year cities min median max includesSampleData } } }`,
    );
    expect(indicator.series).toEqual([
      { year: 2022, cities: 1, min: 64.1, median: 64.1, max: 64.1, includesSampleData: true },
      { year: 2023, cities: 2, min: 68.5, median: 70.4, max: 72.3, includesSampleData: true },
    ]);
    const { indicator: europe } = await data(
      `{ indicator(code: "POL-01") { series(region: EUROPE) { year cities median } } }`,
    );
    expect(europe.series).toEqual([{ year: 2023, cities: 2, median: 0 }]);
    const { indicator: empty } = await data(
      `{ indicator(code: "SPA-01") { series(fromYear: 1990, toYear: 2000) { year } } }`,
    );
    expect(empty.series).toEqual([]);
  });

  test('costs one statement for every indicator, however many cities and years report', async () => {
    const em = cities.app.orm.em.fork();
    const indicatorIds = (await em.find(Indicator, {})).map((indicator) => indicator.id);
    const query = `{ indicators { code series { year cities median } } }`;
    const before = await countStatements(cities.app.orm, () => cities.query(query));
    for (let index = 0; index < 40; index += 1) {
      const city = em.create(City, {
        slug: `series-city-${index}`,
        name: `Series City ${index}`,
        country: 'KR',
        region: Region.ASIA,
        mechanisms: [],
        memberships: [],
      });
      for (const [offset, indicatorId] of indicatorIds.entries()) {
        em.create(IndicatorValue, {
          indicatorId,
          cityId: city.id,
          year: 2000 + ((index + offset) % 12),
          value: index,
          source: 'test data',
          status: ModerationStatus.PUBLISHED,
        });
      }
    }
    await em.flush();
    const after = await countStatements(cities.app.orm, () => cities.query(query));
    expect(after.result.errors).toBeUndefined();
    expect((after.result.data as any).indicators[0].series.length).toBeGreaterThan(10);
    // The indicators, then one statement for all their series.
    expect(after.statements).toHaveLength(2);
    expect(after.statements.length).toBe(before.statements.length);
  });
});
