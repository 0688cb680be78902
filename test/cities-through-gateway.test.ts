import { AuditRecord, organizationIdFromSlug } from '@hrc/domain-kit';

import { startHub, type RunningHub } from './support/hub';

let hub: RunningHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(() => hub.close());

async function data(query: string, options: { variables?: Record<string, unknown>; token?: string } = {}) {
  const result = await hub.query(query, options);
  expect(result.errors).toBeUndefined();
  return result.data as any;
}

test('European cities with their mechanisms and first policies', async () => {
  const { cities } = await data(`{
    cities(first: 10, filter: { region: EUROPE }) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { slug name country declaredOn mechanisms { kind adoptedIn } policies(first: 3) { edges { node { title themes sdgs stage } } } } }
    }
  }`);
  expect(cities.totalCount).toBe(7);
  expect(cities.pageInfo.hasNextPage).toBe(false);
  expect(cities.edges.find((edge: any) => edge.node.slug === 'vienna').node).toEqual({
    slug: 'vienna',
    name: 'Vienna',
    country: 'AT',
    declaredOn: '2014-12-19',
    mechanisms: [{ kind: 'HUMAN_RIGHTS_OFFICE', adoptedIn: 2015 }],
    policies: {
      edges: [
        {
          node: {
            title: 'Human Rights Office of the City of Vienna',
            themes: ['HUMAN_RIGHTS_INSTITUTIONS'],
            sdgs: [16],
            stage: 'IMPLEMENTED',
          },
        },
        {
          node: {
            title: 'Vienna declaration as a city of human rights',
            themes: ['PARTICIPATION', 'ANTI_DISCRIMINATION'],
            sdgs: [10, 16],
            stage: 'ADOPTED',
          },
        },
      ],
    },
  });
});

test('Gwangju in Korean, with its mechanisms and 2023 indicator values', async () => {
  const { city } = await data(
    `{ city(slug: "gwangju") { name(lang: "ko") mechanisms { kind adoptedIn } indicatorValues(year: 2023) { indicator { code theme } value source } } }`,
  );
  expect(city.name).toBe('광주');
  expect(city.mechanisms).toEqual([
    { kind: 'ORDINANCE', adoptedIn: 2009 },
    { kind: 'CHARTER', adoptedIn: 2012 },
    { kind: 'OMBUDSPERSON', adoptedIn: 2013 },
    { kind: 'EDUCATION_CENTRE', adoptedIn: 2020 },
  ]);
  expect(city.indicatorValues.map((value: any) => value.indicator.code)).toEqual([
    'CUL-02',
    'ECO-02',
    'POL-01',
    'POL-02',
    'SOC-02',
    'SPA-01',
  ]);
});

test('policies searched for "charter"', async () => {
  const { policies } = await data(
    `{ policies(first: 5, filter: { search: "charter" }) { edges { node { title city { name } } } } }`,
  );
  expect(policies.edges.map((edge: any) => `${edge.node.title} (${edge.node.city.name})`).sort()).toEqual([
    'Gwangju Human Rights Charter (Gwangju)',
    'Montréal Charter of Rights and Responsibilities (Montréal)',
  ]);
});

test('the request id the gateway returns is the one in the subgraph audit trail', async () => {
  const token = await hub.token('partner', organizationIdFromSlug('gwangju-metropolitan-city'));
  const { city } = await data(`{ city(slug: "gwangju") { id } }`);
  const response = await fetch(hub.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: `mutation($input: CreatePolicyInput!) { createPolicy(input: $input) { id } }`,
      variables: { input: { cityId: city.id, title: 'Traced policy', summary: 'Request id check.' } },
    }),
  });
  const requestId = response.headers.get('x-request-id');
  const { data: created } = (await response.json()) as any;
  const cities = hub.subgraphs.get('cities')!;
  const [record] = await cities.app.orm.em.fork().find(AuditRecord, { entityId: created.createPolicy.id });
  expect(record!.requestId).toBe(requestId);
  expect(record!.actorSubject).toMatch(/^dev-partner|partner/);
});
