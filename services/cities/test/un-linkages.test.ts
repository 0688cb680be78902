import { startTestSubgraph, type TestSubgraph } from '@hrc/dev-kit/testing';
import { cityIdFromSlug } from '@hrc/domain-kit';
import { ANONYMOUS, type Identity } from '@hrc/service-kit';

import { citiesSubgraph } from '../src/app';
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

const CREATE = `mutation($input: CreatePolicyInput!) { createPolicy(input: $input) {
  id status version sdgTargets unRecommendations { mechanism body cycle recommendation uhriUrl } } }`;

const input = (extra: Record<string, unknown>) => ({
  cityId: cityIdFromSlug('gwangju'),
  title: 'Barrier-free public spaces',
  summary: 'Test policy',
  themes: ['DISABILITY'],
  sdgs: [11, 16],
  ...extra,
});

test('SDG targets and UN recommendation links are stored, listed and filtered', async () => {
  const recommendation = {
    mechanism: 'TREATY_BODY',
    body: 'CRPD',
    recommendation: '12(b)',
    uhriUrl: 'https://uhri.ohchr.org/en/our-data-api',
  };
  const { createPolicy } = await data(
    CREATE,
    { input: input({ sdgTargets: ['16.7', '11.7'], unRecommendations: [recommendation] }) },
    secretariat,
  );
  expect(createPolicy.sdgTargets).toEqual(['11.7', '16.7']);
  expect(createPolicy.unRecommendations).toEqual([{ ...recommendation, cycle: null }]);
  const { policies } = await data(
    `{ policies(first: 10, filter: { sdgTarget: "11.7" }) { totalCount edges { node { id } } } }`,
  );
  expect(policies).toEqual({ totalCount: 1, edges: [{ node: { id: createPolicy.id } }] });
  const { policyStatistics } = await data(`{ policyStatistics(filter: { sdgTarget: "16.7" }) { policies } }`);
  expect(policyStatistics.policies).toBe(1);
});

test('a partner contributes them under the same review as the policy', async () => {
  const { createPolicy } = await data(
    CREATE,
    {
      input: input({
        sdgTargets: ['11.3'],
        unRecommendations: [{ mechanism: 'UPR', cycle: 4, body: 'Republic of Korea' }],
      }),
    },
    gwangjuPartner,
  );
  expect(createPolicy.status).toBe('SUBMITTED');
  const query = `query($id: ID!) { policy(id: $id) { sdgTargets } }`;
  expect((await data(query, { id: createPolicy.id })).policy).toBeNull();
});

test.each([
  ['sdgTargets', { sdgTargets: ['11.8'] }],
  ['uhriUrl', { unRecommendations: [{ mechanism: 'SPECIAL_PROCEDURE', uhriUrl: 'https://example.org/x' }] }],
  ['cycle', { unRecommendations: [{ mechanism: 'UPR' }] }],
])('an invalid %s is BAD_USER_INPUT naming it, and nothing is written', async (field, extra) => {
  const before = (await data(`{ policies(first: 1) { totalCount } }`, undefined, secretariat)).policies.totalCount;
  const result = await cities.query(CREATE, { input: input(extra) }, secretariat);
  expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  expect((await data(`{ policies(first: 1) { totalCount } }`, undefined, secretariat)).policies.totalCount).toBe(
    before,
  );
});

test('an unknown SDG target in a filter is BAD_USER_INPUT naming sdgTarget', async () => {
  const result = await cities.query(`{ policies(first: 5, filter: { sdgTarget: "18.1" }) { totalCount } }`);
  expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'sdgTarget' });
  const report = await cities.query(`{ networkReport(filter: { sdgTarget: "11.d" }) { scope } }`);
  expect(report.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'sdgTarget' });
});

test('cities carry UN M49 codes for their country and region; unsourced ones stay null', async () => {
  const { cities: page } = await data(
    `{ cities(first: 20) { edges { node { slug country m49CountryCode m49RegionCode } } } }`,
  );
  const bySlug = new Map(page.edges.map((edge: any) => [edge.node.slug, edge.node]));
  expect(bySlug.get('gwangju')).toMatchObject({ m49CountryCode: '410', m49RegionCode: '142' });
  expect(bySlug.get('vienna')).toMatchObject({ m49CountryCode: '040', m49RegionCode: '150' });
  expect(bySlug.get('rosario')).toMatchObject({ m49CountryCode: '032', m49RegionCode: '019' });
  const { indicators } = await data(`{ indicators { code sdgTargets } }`);
  expect(indicators.every((indicator: any) => Array.isArray(indicator.sdgTargets))).toBe(true);
});
