import { startTestSubgraph, type TestSubgraph } from '@hrc/dev-kit/testing';
import { cityIdFromSlug } from '@hrc/domain-kit';
import { ANONYMOUS, type Identity } from '@hrc/service-kit';

import { citiesSubgraph } from '../src/app';

let cities: TestSubgraph;
beforeAll(async () => {
  cities = await startTestSubgraph(citiesSubgraph, { SEED_ON_START: 'real' });
});
afterAll(() => cities.close());

async function data<T = any>(
  query: string,
  variables?: Record<string, unknown>,
  identity: Identity = ANONYMOUS,
): Promise<T> {
  const result = await cities.query<T>(query, variables, identity);
  expect(result.errors).toBeUndefined();
  return result.data as T;
}

async function errorOf(query: string, variables?: Record<string, unknown>) {
  const result = await cities.query(query, variables);
  expect(result.errors).toHaveLength(1);
  return result.errors![0]!;
}

const slugs = (connection: { edges: Array<{ node: { slug: string } }> }) =>
  connection.edges.map((edge) => edge.node.slug);

describe('cities', () => {
  test('the real seed: European cities by name, with mechanisms and policies', async () => {
    const { cities: page } = await data(`{
      cities(first: 10, filter: { region: EUROPE }) {
        totalCount pageInfo { hasNextPage endCursor }
        edges { node { slug name country declaredOn mechanisms { kind adoptedIn } policies(first: 3) { edges { node { title themes sdgs stage } } } } }
      }
    }`);
    expect(page.totalCount).toBe(7);
    expect(slugs(page)).toEqual(['barcelona', 'graz', 'grigny', 'lund', 'utrecht', 'vienna', 'york']);
    expect(page.pageInfo.hasNextPage).toBe(false);
    const graz = page.edges[1].node;
    expect(graz).toMatchObject({
      country: 'AT',
      declaredOn: '2001-02-08',
      mechanisms: [{ kind: 'COMMISSION_OR_COUNCIL', adoptedIn: 2007 }],
    });
    expect(graz.policies.edges.map((edge: any) => edge.node.title)).toEqual([
      'Human Rights Council of the City of Graz',
      'Graz declaration as a human rights city',
    ]);
  });

  test.each([
    ['country', '{ country: "AT" }', ['graz', 'vienna']],
    ['mechanism', '{ mechanism: OMBUDSPERSON }', ['gwangju', 'montreal']],
    [
      'network',
      '{ network: UCLG_HUMAN_RIGHTS_CITIES_2030 }',
      ['barcelona', 'grigny', 'gwangju', 'mexico-city', 'utrecht', 'vienna'],
    ],
    [
      'declaration window',
      '{ declaredAfter: "2001-01-01", declaredBefore: "2015-12-31" }',
      ['graz', 'utrecht', 'vienna'],
    ],
    ['search in a translation', '{ search: "Wien" }', ['vienna']],
    ['search in Korean', '{ search: "광주" }', ['gwangju']],
    ['no match', '{ search: "no such city" }', []],
  ])('filter by %s', async (_label, filter, expected) => {
    const { cities: page } = await data(
      `{ cities(first: 50, filter: ${filter}) { totalCount edges { node { slug } } } }`,
    );
    expect(slugs(page)).toEqual(expected);
    expect(page.totalCount).toBe(expected.length);
  });

  test('orders by declaration date, newest first, with undated cities last', async () => {
    const { cities: page } = await data(
      `{ cities(first: 4, orderBy: { field: DECLARED_ON, direction: DESC }) { edges { node { slug } } } }`,
    );
    expect(slugs(page)).toEqual(['lund', 'york', 'vienna', 'utrecht']);
  });

  test('pages through every city with cursors, no gaps and no repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const { cities: page }: any = await data(
        `query($after: String) { cities(first: 3, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { slug } } } }`,
        { after },
      );
      pages += 1;
      seen.push(...slugs(page));
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(4);
    expect(seen).toHaveLength(11);
    expect(new Set(seen).size).toBe(11);
    expect(seen).toEqual([...seen].sort((a, b) => a.localeCompare(b)));
  });

  test('an empty page is a valid page', async () => {
    const { cities: page } = await data(
      `{ cities(first: 0) { totalCount pageInfo { hasNextPage endCursor } edges { node { slug } } } }`,
    );
    expect(page).toEqual({ totalCount: 11, pageInfo: { hasNextPage: true, endCursor: null }, edges: [] });
  });

  test('more than 100 a page is refused, naming the field', async () => {
    const error = await errorOf(`{ cities(first: 101) { totalCount } }`);
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  test('a cursor from another query or a forged one is refused', async () => {
    const { cities: page } = await data(`{ cities(first: 2, filter: { region: EUROPE }) { pageInfo { endCursor } } }`);
    const reused = await errorOf(`query($after: String) { cities(first: 2, after: $after) { totalCount } }`, {
      after: page.pageInfo.endCursor,
    });
    expect(reused.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const forged = await errorOf(`{ cities(first: 2, after: "bm90LWEtY3Vyc29y") { totalCount } }`);
    expect(forged.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  test('names in a requested language fall back to the primary language, then the original', async () => {
    const { city } = await data(
      `{ city(slug: "gwangju") { ko: name(lang: "ko") koKR: name(lang: "ko-KR") fr: name(lang: "fr") original: name nameTranslations { lang text } } }`,
    );
    expect(city).toEqual({
      ko: '광주',
      koKR: '광주',
      fr: 'Gwangju',
      original: 'Gwangju',
      nameTranslations: [{ lang: 'ko', text: '광주' }],
    });
  });

  test('a city by id or slug, and exactly one of them', async () => {
    const { city } = await data(`query($id: ID) { city(id: $id) { slug } }`, { id: cityIdFromSlug('york') });
    expect(city).toEqual({ slug: 'york' });
    expect((await data(`{ city(slug: "atlantis") { slug } }`)).city).toBeNull();
    expect((await data(`{ city(id: "not-a-uuid") { slug } }`)).city).toBeNull();
    const error = await errorOf(`{ city(id: "x", slug: "york") { slug } }`);
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });
});

describe('policies', () => {
  test('full-text search finds both charters, ranked', async () => {
    const { policies } = await data(
      `{ policies(first: 5, filter: { search: "charter" }) { totalCount edges { node { title city { name } } } } }`,
    );
    expect(policies.totalCount).toBe(2);
    expect(policies.edges.map((edge: any) => edge.node.city.name).sort()).toEqual(['Gwangju', 'Montréal']);
  });

  test('search covers translated titles', async () => {
    const { policies } = await data(
      `{ policies(first: 5, filter: { search: "조례" }) { edges { node { title(lang: "ko") } } } }`,
    );
    expect(policies.edges).toEqual([{ node: { title: '광주광역시 인권 보장 및 증진에 관한 조례' } }]);
  });

  test('a title match outranks a summary match', async () => {
    const secretariat: Identity = { subject: 'sec', organizationId: null, roles: ['secretariat'] };
    const create = `mutation($input: CreatePolicyInput!) { createPolicy(input: $input) { id } }`;
    const cityId = cityIdFromSlug('lund');
    await data(
      create,
      { input: { cityId, title: 'Lund budget plan', summary: 'Mentions zebracrossing once in the summary.' } },
      secretariat,
    );
    await data(
      create,
      { input: { cityId, title: 'Zebracrossing accessibility programme', summary: 'Street safety.' } },
      secretariat,
    );
    const { policies } = await data(
      `{ policies(first: 5, filter: { search: "zebracrossing" }) { edges { node { title } } } }`,
    );
    expect(policies.edges.map((edge: any) => edge.node.title)).toEqual([
      'Zebracrossing accessibility programme',
      'Lund budget plan',
    ]);
  });

  test.each([
    ['theme', '{ theme: EDUCATION }', ['Gwangju Human Rights Education Centre']],
    ['SDG', '{ sdg: 11 }', ['Montréal Charter of Rights and Responsibilities']],
    [
      'stage and city',
      `{ stage: IMPLEMENTED, cityId: "${cityIdFromSlug('vienna')}" }`,
      ['Human Rights Office of the City of Vienna'],
    ],
    [
      'adoption window',
      '{ adoptedAfter: "2017-01-01", adoptedBefore: "2018-12-31" }',
      ['Lund human rights city', 'York declaration as a human rights city'],
    ],
  ])('filter by %s', async (_label, filter, expected) => {
    const { policies } = await data(
      `{ policies(first: 20, filter: ${filter}) { totalCount edges { node { title } } } }`,
    );
    expect(policies.edges.map((edge: any) => edge.node.title)).toEqual(expected);
    expect(policies.totalCount).toBe(expected.length);
  });

  test('Organization.policies lists what the organisation contributed', async () => {
    const { organization } = await data(
      `{ organization(slug: "gwangju-metropolitan-city") { name(lang: "ko") homeCity { slug } policies(first: 10) { totalCount } } }`,
    );
    expect(organization).toEqual({ name: '광주광역시', homeCity: { slug: 'gwangju' }, policies: { totalCount: 4 } });
  });
});

describe('indicators', () => {
  test('five themes, and city values by year with labelled sources', async () => {
    const { indicators } = await data(`{ indicators { code theme type direction } }`);
    expect(new Set(indicators.map((indicator: any) => indicator.theme))).toEqual(
      new Set(['SPATIAL', 'SOCIAL', 'CULTURAL', 'ECONOMIC', 'POLITICAL']),
    );
    const { city } = await data(
      `{ city(slug: "gwangju") { indicatorValues(year: 2023) { indicator { code theme } value source } } }`,
    );
    expect(city.indicatorValues).toHaveLength(6);
    expect(city.indicatorValues.find((value: any) => value.indicator.code === 'POL-01')).toMatchObject({ value: 1 });
    for (const value of city.indicatorValues.filter((value: any) => value.indicator.code !== 'POL-01')) {
      expect(value.source).toMatch(/^SAMPLE DATA/);
    }
    const byTheme = await data(`{ city(slug: "gwangju") { indicatorValues(year: 2022, theme: SPATIAL) { value } } }`);
    expect(byTheme.city.indicatorValues).toEqual([{ value: 64.1 }]);
  });
});

describe('organisations', () => {
  test('contact emails reach the secretariat only', async () => {
    const secretariat: Identity = { subject: 'sec', organizationId: null, roles: ['secretariat'] };
    const created = await data(
      `mutation { createOrganization(input: { slug: "test-ngo", name: "Test NGO", kind: NGO, country: "KR", contactEmail: "office@example.org" }) { id } }`,
      undefined,
      secretariat,
    );
    const id = created.createOrganization.id;
    const ask = `query($id: ID) { organization(id: $id) { contactEmail } }`;
    expect((await data(ask, { id }, secretariat)).organization.contactEmail).toBe('office@example.org');
    expect((await data(ask, { id })).organization.contactEmail).toBeNull();
    const ownPartner: Identity = { subject: 'p', organizationId: id, roles: ['partner'] };
    expect((await data(ask, { id }, ownPartner)).organization.contactEmail).toBeNull();
    const liaison: Identity = { subject: 'l', organizationId: null, roles: ['liaison'] };
    expect((await data(ask, { id }, liaison)).organization.contactEmail).toBeNull();
  });

  test('filters by kind and home city', async () => {
    const { organizations } = await data(
      `query($city: ID) { organizations(first: 10, filter: { cityId: $city }) { totalCount edges { node { slug kind } } } }`,
      {
        city: cityIdFromSlug('gwangju'),
      },
    );
    expect(organizations.totalCount).toBe(3);
    const { organizations: agencies } = await data(
      `{ organizations(first: 10, filter: { kind: UN_AGENCY }) { edges { node { slug } } } }`,
    );
    expect(slugs(agencies)).toEqual(['ohchr']);
  });
});
