import { startTestSubgraph, type TestSubgraph } from '@hrc/dev-kit/testing';
import { AuditRecord, cityIdFromSlug, organizationIdFromSlug } from '@hrc/domain-kit';
import { ANONYMOUS } from '@hrc/service-kit';

import { citiesSubgraph } from '../src/app';
import { Policy } from '../src/policy/policy.entity';
import { gwangjuPartner as gwangjuCity, liaison, secretariat, wallenbergPartner as raoulWallenberg } from './support';

let cities: TestSubgraph;
beforeAll(async () => {
  cities = await startTestSubgraph(citiesSubgraph, { SEED_ON_START: 'real' });
});
afterAll(() => cities.close());

const CREATE_POLICY = `mutation($input: CreatePolicyInput!) { createPolicy(input: $input) { id status version contributor { slug } } }`;
const UPDATE_POLICY = `mutation($id: ID!, $v: Int!, $input: UpdatePolicyInput!) { updatePolicy(id: $id, expectedVersion: $v, input: $input) { id version title status } }`;
const policyInput = (overrides: Record<string, unknown> = {}) => ({
  cityId: cityIdFromSlug('gwangju'),
  title: 'Barrier-free city hall',
  summary: 'Step-free access to every public counter.',
  themes: ['DISABILITY'],
  sdgs: [10, 11],
  adoptedOn: '2024-03-01',
  sourceUrl: 'https://example.org/barrier-free',
  ...overrides,
});

async function tableCounts() {
  const em = cities.app.orm.em.fork();
  return { policies: await em.count(Policy), audit: await em.count(AuditRecord) };
}

describe('contributing a policy', () => {
  test('a partner contributes a draft that only it and the secretariat can read', async () => {
    const { data } = await cities.query(CREATE_POLICY, { input: policyInput() }, gwangjuCity);
    const created = (data as any).createPolicy;
    expect(created).toMatchObject({
      status: 'SUBMITTED',
      version: 1,
      contributor: { slug: 'gwangju-metropolitan-city' },
    });

    const read = `query($id: ID!) { policy(id: $id) { title } }`;
    const count = `{ policies(first: 1, filter: { theme: DISABILITY }) { totalCount } }`;
    for (const [caller, visible] of [
      [ANONYMOUS, false],
      [raoulWallenberg, false],
      [liaison, false],
      [gwangjuCity, true],
      [secretariat, true],
    ] as const) {
      const one = await cities.query(read, { id: created.id }, caller);
      expect((one.data as any).policy === null).toBe(!visible);
      const total = await cities.query(count, undefined, caller);
      expect((total.data as any).policies.totalCount).toBe(visible ? 1 : 0);
    }
    const nested = await cities.query(`{ city(slug: "gwangju") { policies(first: 10) { totalCount } } }`);
    expect((nested.data as any).city.policies.totalCount).toBe(4);
  });

  test('the secretariat publishes directly, on behalf of an organisation', async () => {
    const { data } = await cities.query(
      CREATE_POLICY,
      { input: policyInput({ title: 'Published directly', organizationId: organizationIdFromSlug('etc-graz') }) },
      secretariat,
    );
    expect((data as any).createPolicy).toMatchObject({ status: 'PUBLISHED', contributor: { slug: 'etc-graz' } });
  });

  test("a partner cannot contribute in another organisation's name", async () => {
    const result = await cities.query(
      CREATE_POLICY,
      { input: policyInput({ organizationId: organizationIdFromSlug('etc-graz') }) },
      gwangjuCity,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  test('writes need a token', async () => {
    const result = await cities.query(CREATE_POLICY, { input: policyInput() });
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const asLiaison = await cities.query(CREATE_POLICY, { input: policyInput() }, liaison);
    expect(asLiaison.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  test.each([
    ['sdgs', { sdgs: [3, 18] }],
    ['sourceUrl', { sourceUrl: 'not a url' }],
    ['title', { title: 'x' }],
    ['lang', { titleTranslations: [{ lang: 'not a language!', text: 'x' }] }],
    ['cityId', { cityId: '00000000-0000-4000-8000-000000000000' }],
    ['adoptedIn', { adoptedOn: '2020-01-01', adoptedIn: 2019 }],
  ])('a bad %s is BAD_USER_INPUT naming the field, and nothing is written', async (field, overrides) => {
    const before = await tableCounts();
    const result = await cities.query(CREATE_POLICY, { input: policyInput(overrides) }, gwangjuCity);
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(String(result.errors![0]!.extensions!.field)).toContain(field);
    expect(await tableCounts()).toEqual(before);
  });
});

describe('changing a policy', () => {
  let id: string;
  beforeAll(async () => {
    const { data } = await cities.query(
      CREATE_POLICY,
      { input: policyInput({ title: 'Original title' }) },
      gwangjuCity,
    );
    id = (data as any).createPolicy.id;
  });

  test('its organisation updates it with the version it read, and the audit trail keeps both sides', async () => {
    const { data, errors } = await cities.query(
      UPDATE_POLICY,
      { id, v: 1, input: { title: 'Revised title' } },
      gwangjuCity,
    );
    expect(errors).toBeUndefined();
    expect((data as any).updatePolicy).toMatchObject({ version: 2, title: 'Revised title', status: 'SUBMITTED' });
    const trail = await cities.app.orm.em.fork().find(AuditRecord, { entityId: id }, { orderBy: { id: 'asc' } });
    expect(trail.map((record) => record.action)).toEqual(['CREATE', 'UPDATE']);
    expect(trail[1]).toMatchObject({
      actorSubject: 'gw',
      actorOrganizationId: gwangjuCity.organizationId,
      actorRoles: ['partner'],
      entityType: 'Policy',
    });
    expect(trail[1]!.before).toMatchObject({ title: 'Original title', version: 1 });
    expect(trail[1]!.after).toMatchObject({ title: 'Revised title' });
    expect(trail[1]!.requestId).toMatch(/[0-9a-f-]{36}/);
  });

  test('a stale version is a CONFLICT carrying the current version, and nothing changes', async () => {
    const before = await tableCounts();
    const result = await cities.query(UPDATE_POLICY, { id, v: 1, input: { title: 'Lost update' } }, gwangjuCity);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    expect(await tableCounts()).toEqual(before);
    const current = await cities.query(`query($id: ID!) { policy(id: $id) { title } }`, { id }, gwangjuCity);
    expect((current.data as any).policy.title).toBe('Revised title');
  });

  test('an explicit null for a required field is BAD_USER_INPUT naming it', async () => {
    const result = await cities.query(UPDATE_POLICY, { id, v: 2, input: { title: null } }, gwangjuCity);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'title' });
  });

  test('another organisation cannot change it', async () => {
    const result = await cities.query(UPDATE_POLICY, { id, v: 2, input: { title: 'Hijacked' } }, raoulWallenberg);
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  test('an unknown id is NOT_FOUND', async () => {
    const result = await cities.query(UPDATE_POLICY, { id: 'nope', v: 1, input: { title: 'Whatever' } }, secretariat);
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('city profiles and organisations', () => {
  const UPDATE_CITY = `mutation($id: ID!, $v: Int!, $input: UpdateCityInput!) { updateCity(id: $id, expectedVersion: $v, input: $input) { population version } }`;

  test("only the secretariat changes a city's published profile, not even a partner based in it", async () => {
    const id = cityIdFromSlug('gwangju');
    for (const partner of [raoulWallenberg, gwangjuCity]) {
      const denied = await cities.query(UPDATE_CITY, { id, v: 1, input: { population: 1 } }, partner);
      expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const allowed = await cities.query(
      UPDATE_CITY,
      { id, v: 1, input: { website: 'https://www.gwangju.go.kr' } },
      secretariat,
    );
    expect(allowed.errors).toBeUndefined();
    expect((allowed.data as any).updateCity.version).toBe(2);
  });

  test("a partner cannot move its organisation into another city and then rewrite that city's profile", async () => {
    const UPDATE_ORGANIZATION = `mutation($id: ID!, $v: Int!, $input: UpdateOrganizationInput!) { updateOrganization(id: $id, expectedVersion: $v, input: $input) { version homeCity { slug } } }`;
    const organization = `{ organization(slug: "raoul-wallenberg-institute") { id version homeCity { slug } } }`;
    const before = ((await cities.query(organization)).data as any).organization;
    const moved = await cities.query(
      UPDATE_ORGANIZATION,
      { id: before.id, v: before.version, input: { homeCityId: cityIdFromSlug('gwangju') } },
      raoulWallenberg,
    );
    expect(moved.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'homeCityId' });
    expect(((await cities.query(organization)).data as any).organization).toEqual(before);

    const city = `{ city(slug: "gwangju") { version name website } }`;
    const gwangju = ((await cities.query(city)).data as any).city;
    const defaced = await cities.query(
      UPDATE_CITY,
      {
        id: cityIdFromSlug('gwangju'),
        v: gwangju.version,
        input: { name: 'Gwangju (defaced)', website: 'https://evil.example/phish' },
      },
      raoulWallenberg,
    );
    expect(defaced.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(((await cities.query(city)).data as any).city).toEqual(gwangju);
  });

  test("a partner may keep its home city in an edit; the secretariat moves an organisation's home city", async () => {
    const UPDATE_ORGANIZATION = `mutation($id: ID!, $v: Int!, $input: UpdateOrganizationInput!) { updateOrganization(id: $id, expectedVersion: $v, input: $input) { version homeCity { slug } } }`;
    const organization = `{ organization(slug: "raoul-wallenberg-institute") { id version homeCity { id slug } } }`;
    const before = ((await cities.query(organization)).data as any).organization;
    const kept = await cities.query(
      UPDATE_ORGANIZATION,
      {
        id: before.id,
        v: before.version,
        input: { homeCityId: before.homeCity?.id ?? null, website: 'https://rwi.lu.se/en' },
      },
      raoulWallenberg,
    );
    expect(kept.errors).toBeUndefined();
    const moved = await cities.query(
      UPDATE_ORGANIZATION,
      { id: before.id, v: before.version + 1, input: { homeCityId: cityIdFromSlug('graz') } },
      secretariat,
    );
    expect(moved.errors).toBeUndefined();
    expect((moved.data as any).updateOrganization.homeCity).toEqual({ slug: 'graz' });
  });

  test('organisations: unknown country codes and duplicate slugs are refused', async () => {
    const create = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`;
    const badCountry = await cities.query(
      create,
      { input: { slug: 'x-org', name: 'X', kind: 'NGO', country: 'XX' } },
      secretariat,
    );
    expect(badCountry.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'country' });
    const duplicate = await cities.query(
      create,
      { input: { slug: 'ohchr', name: 'Again', kind: 'NGO', country: 'CH' } },
      secretariat,
    );
    expect(duplicate.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const asPartner = await cities.query(
      create,
      { input: { slug: 'y-org', name: 'Y', kind: 'NGO', country: 'KR' } },
      gwangjuCity,
    );
    expect(asPartner.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  test('indicator values: one per indicator, city and year', async () => {
    const record = `mutation($input: RecordIndicatorValueInput!) { recordIndicatorValue(input: $input) { status value } }`;
    const input = {
      indicatorCode: 'SPA-02',
      cityId: cityIdFromSlug('gwangju'),
      year: 2024,
      value: 4.2,
      source: 'SAMPLE DATA (test)',
    };
    const first = await cities.query(record, { input }, gwangjuCity);
    expect((first.data as any).recordIndicatorValue).toEqual({ status: 'SUBMITTED', value: 4.2 });
    const again = await cities.query(record, { input }, gwangjuCity);
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const unknown = await cities.query(record, { input: { ...input, indicatorCode: 'NOPE' } }, gwangjuCity);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'indicatorCode' });
  });
});

describe('issue 15: nothing chosen silently, slugs that name feeds', () => {
  const inputDefaults = async (type: string) => {
    const { data } = await cities.query(
      `query($t: String!) { __type(name: $t) { inputFields { name defaultValue } } }`,
      {
        t: type,
      },
    );
    return Object.fromEntries(
      (data as any).__type.inputFields.map((field: { name: string; defaultValue: string | null }) => [
        field.name,
        field.defaultValue,
      ]),
    );
  };

  test("createPolicy's stage default is in the schema, and an update leaves an omitted stage alone", async () => {
    expect((await inputDefaults('CreatePolicyInput')).stage).toBe('ADOPTED');
    expect((await inputDefaults('UpdatePolicyInput')).stage).toBeNull();
    const { data } = await cities.query(
      `mutation($input: CreatePolicyInput!) { createPolicy(input: $input) { stage } }`,
      { input: policyInput({ title: 'Default stage' }) },
      secretariat,
    );
    expect((data as any).createPolicy.stage).toBe('ADOPTED');
  });

  test("a new city's id derives from its slug, as the seeded cities' ids do", async () => {
    const { data, errors } = await cities.query(
      `mutation($input: CreateCityInput!) { createCity(input: $input) { id slug } }`,
      { input: { slug: 'issue-fifteen-city', name: 'Issue Fifteen City', country: 'KR', region: 'ASIA' } },
      secretariat,
    );
    expect(errors).toBeUndefined();
    expect((data as any).createCity.id).toBe(cityIdFromSlug('issue-fifteen-city'));
  });
});
