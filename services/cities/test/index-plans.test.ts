import { countStatements, startTestSubgraph, wholeTableWorkOf, type TestSubgraph } from '@hrc/dev-kit/testing';
import { ANONYMOUS, type Identity } from '@hrc/service-kit';

import { citiesSubgraph, seedSyntheticCities } from '../src/app';
import { City } from '../src/city/city.entity';
import { CityOrderField, SortDirection } from '../src/city/city.enums';
import { CityOrder } from '../src/city/city.inputs';
import { Organization } from '../src/organization/organization.entity';
import { Policy } from '../src/policy/policy.entity';
import { PolicyOrderField, PolicyStage } from '../src/policy/policy.enums';

/**
 * The plans of the statements the repositories really send, on tables of 20,000 rows and more: every nested page
 * and every per-parent count reaches its parents' rows through an index, and every offered order of a list reads
 * its index in order; none reads or sorts a table whole.
 */
const ROWS = 20_000;
let subgraph: TestSubgraph;
const organizationIds: string[] = [];
const cityIds: string[] = [];

beforeAll(async () => {
  // Loading 20,000+ rows in one statement may outlast the subgraph's statement timeout on a busy machine.
  subgraph = await startTestSubgraph(citiesSubgraph, { DATABASE_STATEMENT_TIMEOUT_MS: '0' });
  const connection = subgraph.app.orm.em.getConnection();
  await seedSyntheticCities(subgraph.app.orm.em.fork(), { cities: ROWS, policiesPerCity: 2 });
  await connection.execute(
    `insert into cities.organization (id, slug, name, name_translations, kind, country, version, created_at, updated_at)
     select gen_random_uuid(), 'synthetic-organization-' || g, 'Synthetic Organization ' || g, '{}'::jsonb, 'NGO', 'KR', 1, now(), now()
     from generate_series(1, ?) as g`,
    [ROWS],
  );
  // 200 organisations contribute 200 policies each, in every status, so visibility filters have work to do.
  await connection.execute(
    `update cities.policy p set contributed_by = o.id,
            status = (array['PUBLISHED','PUBLISHED','PUBLISHED','SUBMITTED','WITHDRAWN'])[1 + o.n % 5]
     from (select id, row_number() over (order by id) as n from cities.organization) o,
          (select id, row_number() over (order by id) as n from cities.policy) q
     where q.id = p.id and o.n = 1 + q.n % 200`,
  );
  // VACUUM as well, so the planner knows the pages are all visible and a count can read an index alone.
  await connection.execute('vacuum analyze');
  for (const row of await connection.execute<Array<{ id: string }>>(
    `select distinct contributed_by as id from cities.policy limit 50`,
  ))
    organizationIds.push(row.id);
  for (const row of await connection.execute<Array<{ id: string }>>(
    `select id from cities.city order by slug limit 50`,
  ))
    cityIds.push(row.id);
}, 120_000);
afterAll(() => subgraph.close());

const partner = (): Identity => ({ subject: 'plans', organizationId: organizationIds[0]!, roles: ['partner'] });
const secretariat: Identity = { subject: 'plans', organizationId: null, roles: ['secretariat'] };
const identities = (): Array<[string, Identity]> => [
  ['anonymous', ANONYMOUS],
  ['partner', partner()],
  ['secretariat', secretariat],
];

function policies() {
  return subgraph.app.orm.em.fork().getRepository(Policy);
}

describe('nested policy pages and counts', () => {
  const parents = (): Record<string, string[]> => ({ city: cityIds, organization: organizationIds });

  test('every parent the repository declares is covered here', () => {
    expect(Object.keys((policies() as any).parentColumns).sort()).toEqual(Object.keys(parents()).sort());
  });

  for (const parent of ['city', 'organization'] as const) {
    for (const order of Object.values(PolicyOrderField)) {
      test(`${parent} pages by ${order}, for many parents and for one, for every kind of caller`, async () => {
        const filter = order === PolicyOrderField.RELEVANCE ? { search: 'housing' } : undefined;
        for (const [, identity] of identities()) {
          for (const keys of [parents()[parent]!, parents()[parent]!.slice(0, 1)]) {
            const problems = await wholeTableWorkOf(subgraph.app.orm, () =>
              policies().pagesByParent(identity, parent, { filter, order, first: 3 }, keys),
            );
            expect(problems).toEqual([]);
            const withTotals = await wholeTableWorkOf(subgraph.app.orm, () =>
              policies().pagesByParent(identity, parent, { filter, order, first: 3, withTotal: true }, keys),
            );
            expect(withTotals).toEqual([]);
          }
        }
      });
    }

    test(`${parent} pages after a cursor, and counts, for every kind of caller`, async () => {
      for (const [, identity] of identities()) {
        const keys = parents()[parent]!;
        const first = await policies().pagesByParent(identity, parent, { first: 1 }, keys);
        const after = [...first.values()].find((page) => page.edges.length > 0)?.edges[0]?.cursor;
        expect(after).toBeDefined();
        for (const work of [
          () => policies().pagesByParent(identity, parent, { first: 3, after }, keys),
          () => policies().pagesByParent(identity, parent, { first: 3, after, withTotal: true }, keys),
          () => policies().countsByParent(identity, parent, undefined, keys),
          () => policies().countsByParent(identity, parent, undefined, keys.slice(0, 1)),
          () => policies().countsByParent(identity, parent, { stage: PolicyStage.ADOPTED }, keys),
        ]) {
          expect(await wholeTableWorkOf(subgraph.app.orm, work)).toEqual([]);
        }
        // A count without a filter reads only index entries, however many policies a parent has.
        for (const batch of [keys, keys.slice(0, 1)]) {
          const count = () => policies().countsByParent(identity, parent, undefined, batch);
          expect(await wholeTableWorkOf(subgraph.app.orm, count, { indexOnly: true })).toEqual([]);
        }
      }
    });
  }
});

describe('the orders the lists offer read an index in order', () => {
  test('cities, by every field in both directions', async () => {
    for (const field of Object.values(CityOrderField)) {
      for (const direction of Object.values(SortDirection)) {
        const order = Object.assign(new CityOrder(), { field, direction });
        const problems = await wholeTableWorkOf(
          subgraph.app.orm,
          () => subgraph.app.orm.em.fork().getRepository(City).listPage(ANONYMOUS, { order, first: 50 }),
          { orderedIndexScans: true },
        );
        expect(problems).toEqual([]);
      }
    }
  });

  test('organisations, by name', async () => {
    const problems = await wholeTableWorkOf(
      subgraph.app.orm,
      () => subgraph.app.orm.em.fork().getRepository(Organization).listPage(ANONYMOUS, { first: 50 }),
      { orderedIndexScans: true },
    );
    expect(problems).toEqual([]);
  });

  test('policies, by every offered order', async () => {
    for (const order of Object.values(PolicyOrderField)) {
      if (order === PolicyOrderField.RELEVANCE) continue;
      for (const [, identity] of identities()) {
        const problems = await wholeTableWorkOf(
          subgraph.app.orm,
          () => policies().listPage(identity, { order, first: 20 }),
          { orderedIndexScans: true },
        );
        expect(problems).toEqual([]);
      }
    }
  });
});

test('a ranked search counts its matches in the statement that reads its first page', async () => {
  const query = `query($after: String) {
    policies(first: 5, after: $after, filter: { search: "housing" }) { totalCount pageInfo { endCursor } edges { node { title } } }
  }`;
  const first = await countStatements(subgraph.app.orm, () => subgraph.query<any>(query));
  expect(first.result.errors).toBeUndefined();
  expect(first.statements).toHaveLength(1);
  const [counted] = await subgraph.app.orm.em.getConnection().execute<Array<{ total: number }>>(
    `select count(*)::int as total from cities.policy
       where status = 'PUBLISHED' and search_vector @@ websearch_to_tsquery('simple', 'housing')`,
  );
  expect(counted!.total).toBeGreaterThan(5);
  expect(first.result.data.policies.totalCount).toBe(counted!.total);
  // A later page's rows start after its cursor, so its statement counts the matches in a subquery of their own.
  const after = first.result.data.policies.pageInfo.endCursor;
  const second = await countStatements(subgraph.app.orm, () => subgraph.query<any>(query, { after }));
  expect(second.result.errors).toBeUndefined();
  expect(second.statements).toHaveLength(1);
  expect(second.result.data.policies.totalCount).toBe(counted!.total);
  expect(await wholeTableWorkOf(subgraph.app.orm, () => subgraph.query<any>(query, { after }))).toEqual([]);
});
