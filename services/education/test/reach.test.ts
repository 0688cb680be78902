import { randomUUID } from 'node:crypto';

import { countStatements, startTestSubgraph, type TestSubgraph } from '@hrc/dev-kit/testing';

import { seedSyntheticEducation } from '../seeders/synthetic.seeder';
import { educationSubgraph } from '../src/app';
import { anonymous, dataOf, providerPartner, sql, PROVIDER_ID, OTHER_ORG_ID } from './support';

let education: TestSubgraph;
const cityIds = Array.from({ length: 100 }, () => randomUUID());

beforeAll(async () => {
  education = await startTestSubgraph(educationSubgraph);
  const counts = await seedSyntheticEducation(education.app.orm.em.fork(), {
    cityIds,
    providerIds: [PROVIDER_ID, OTHER_ORG_ID],
    programsPerCity: 3,
    cohortsPerProgram: 4,
    maxEnrollmentsPerCohort: 12,
    firstYear: 2021,
    lastYear: 2024,
  });
  expect(counts).toMatchObject({ programs: 300, cohorts: 1200 });
  expect(counts.enrollments).toBeGreaterThan(1200);
});
afterAll(() => education.close());

const REACH = `query($reps: [_Any!]!, $year: Int) {
  _entities(representations: $reps) {
    ... on City { id educationReach(year: $year) { year programs cohorts enrolled completed dropped completionRate byAudience { audience enrolled completed dropped } } }
  }
}`;

const cityRepresentations = (ids: string[]) => ids.map((id) => ({ __typename: 'City', id }));

/** The same figures written independently: year by extract(), outcomes by sum(case), audiences in a second query. */
async function groundTruth(cityId: string, year: number) {
  const [totals] = await sql(
    education,
    `select count(distinct p.id)::int as programs, count(distinct c.id)::int as cohorts,
            coalesce(sum(case when e.status in ('ENROLLED', 'COMPLETED') then 1 else 0 end), 0)::int as enrolled,
            coalesce(sum(case when e.status = 'COMPLETED' then 1 else 0 end), 0)::int as completed,
            coalesce(sum(case when e.status = 'DROPPED' then 1 else 0 end), 0)::int as dropped
       from education.program p
       join education.cohort c on c.program_id = p.id
       left join education.enrollment e on e.cohort_id = c.id
      where p.city_id = $1 and p.status = 'PUBLISHED' and extract(year from c.starts_on) = $2`,
    [cityId, year],
  );
  const byAudience = await sql(
    education,
    `select e.audience,
            sum(case when e.status <> 'DROPPED' then 1 else 0 end)::int as enrolled,
            sum(case when e.status = 'COMPLETED' then 1 else 0 end)::int as completed,
            sum(case when e.status = 'DROPPED' then 1 else 0 end)::int as dropped
       from education.enrollment e, education.cohort c, education.program p
      where e.cohort_id = c.id and c.program_id = p.id
        and p.city_id = $1 and p.status = 'PUBLISHED' and extract(year from c.starts_on) = $2
      group by e.audience order by e.audience`,
    [cityId, year],
  );
  const rate = (f: { enrolled: number; completed: number; dropped: number }) =>
    f.enrolled + f.dropped === 0 ? null : f.completed / (f.enrolled + f.dropped);
  return {
    year,
    ...totals,
    completionRate: rate(totals),
    byAudience: byAudience.map((row) => ({
      audience: row.audience,
      enrolled: row.enrolled,
      completed: row.completed,
      dropped: row.dropped,
    })),
  };
}

describe('educationReach', () => {
  test.each([2021, 2022, 2023, 2024])('equals the SQL ground truth for several cities in %i', async (year) => {
    const sample = [cityIds[0]!, cityIds[17]!, cityIds[42]!, cityIds[99]!];
    const { _entities } = await dataOf(education, REACH, { reps: cityRepresentations(sample), year });
    for (const [index, cityId] of sample.entries()) {
      const { id, educationReach } = _entities[index];
      expect(id).toBe(cityId);
      const truth = await groundTruth(cityId, year);
      const { completionRate, ...figures } = educationReach;
      const { completionRate: expectedRate, ...expected } = truth;
      expect(figures).toEqual(expected);
      if (expectedRate === null) expect(completionRate).toBeNull();
      else expect(completionRate).toBeCloseTo(expectedRate, 10);
    }
  });

  test('a year out of range is BAD_USER_INPUT naming the argument', async () => {
    const result = await education.query(REACH, { reps: cityRepresentations([cityIds[0]!]), year: 1800 });
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
  });

  test('a year with no cohorts gives zeros and a null completion rate', async () => {
    const { _entities } = await dataOf(education, REACH, { reps: cityRepresentations([cityIds[3]!]), year: 1999 });
    expect(_entities[0].educationReach).toEqual({
      year: 1999,
      programs: 0,
      cohorts: 0,
      enrolled: 0,
      completed: 0,
      dropped: 0,
      completionRate: null,
      byAudience: [],
    });
  });

  test("counts the provider's own drafts only for the provider", async () => {
    const [draft] = await sql(
      education,
      `select p.city_id, extract(year from c.starts_on)::int as year from education.program p
         join education.cohort c on c.program_id = p.id
        where p.status = 'SUBMITTED' and p.provider_id = $1 limit 1`,
      [PROVIDER_ID],
    );
    const variables = { reps: cityRepresentations([draft.city_id]), year: draft.year };
    const publicReach = (await dataOf(education, REACH, variables, anonymous))._entities[0].educationReach;
    const providerReach = (await dataOf(education, REACH, variables, providerPartner))._entities[0].educationReach;
    expect(providerReach.cohorts).toBeGreaterThan(publicReach.cohorts);
  });

  test('runs a fixed number of statements for 100 cities, however many cities', async () => {
    const query = `query($reps: [_Any!]!) {
      _entities(representations: $reps) { ... on City { educationReach(year: 2023) { programs enrolled byAudience { audience completed } } programs(first: 2) { totalCount edges { node { title cohorts(first: 2) { edges { node { enrolled completed } } } } } } } }
    }`;
    const few = await countStatements(education.app.orm, () =>
      dataOf(education, query, { reps: cityRepresentations(cityIds.slice(0, 5)) }),
    );
    const many = await countStatements(education.app.orm, () =>
      dataOf(education, query, { reps: cityRepresentations(cityIds) }),
    );
    expect(many.result._entities).toHaveLength(100);
    expect(many.statements.length).toBe(few.statements.length);
    // reach, programme pages with their totals, cohort pages, cohort seats: one statement each.
    expect(many.statements.length).toBe(4);
  });

  test('educationReach alone is one aggregate statement for 100 cities', async () => {
    const { statements } = await countStatements(education.app.orm, () =>
      dataOf(education, REACH, { reps: cityRepresentations(cityIds), year: 2022 }),
    );
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/grouping sets/);
  });

  test("Organization.educationReach sums the provider's programmes across cities", async () => {
    const query = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Organization { educationReach(year: 2022) { cohorts enrolled } programs(first: 1) { totalCount } } } }`;
    const { _entities } = await dataOf(education, query, { reps: [{ __typename: 'Organization', id: OTHER_ORG_ID }] });
    const [truth] = await sql(
      education,
      `select count(*)::int as cohorts from education.cohort c join education.program p on p.id = c.program_id
        where p.provider_id = $1 and p.status = 'PUBLISHED' and c.starts_on between '2022-01-01' and '2022-12-31'`,
      [OTHER_ORG_ID],
    );
    const [programs] = await sql(
      education,
      `select count(*)::int as total from education.program where provider_id = $1 and status = 'PUBLISHED'`,
      [OTHER_ORG_ID],
    );
    expect(_entities[0].educationReach.cohorts).toBe(truth.cohorts);
    expect(_entities[0].programs.totalCount).toBe(programs.total);
  });
});
