import {
  nestedListWholeTableWork,
  startTestSubgraph,
  wholeTableWorkOf,
  type NestedListRepository,
  type TestSubgraph,
} from '@hrc/dev-kit/testing';
import { ANONYMOUS, type Identity } from '@hrc/service-kit';

import { educationSubgraph, seedSyntheticEducation } from '../src/app';
import { Cohort } from '../src/cohort/cohort.entity';
import { Enrollment } from '../src/enrollment/enrollment.entity';
import { EnrollmentStatus } from '../src/enrollment/enrollment.enums';
import { Program } from '../src/program/program.entity';
import { ProgramFormat, ProgramOrderField } from '../src/program/program.enums';

/**
 * The plans of the statements the repositories really send, on tables of 20,000 rows and more: every nested page
 * and every per-parent count reaches its parents' rows through an index, and the programme list reads its index in
 * every offered order; none reads or sorts a table whole.
 */
const CITIES = 7_000;
let subgraph: TestSubgraph;
const keysOf: Record<string, string[]> = {};
const providerIds = Array.from(
  { length: 40 },
  (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
);

beforeAll(async () => {
  // Loading 20,000+ rows in one statement may outlast the subgraph's statement timeout on a busy machine.
  subgraph = await startTestSubgraph(educationSubgraph, { DATABASE_STATEMENT_TIMEOUT_MS: '0' });
  const connection = subgraph.app.orm.em.getConnection();
  const cityIds = (
    await connection.execute<Array<{ id: string }>>(`select gen_random_uuid()::text as id from generate_series(1, ?)`, [
      CITIES,
    ])
  ).map((row) => row.id);
  // 21,000 programmes, 21,000 cohorts and about 31,500 enrollments.
  await seedSyntheticEducation(subgraph.app.orm.em.fork(), {
    cityIds,
    providerIds,
    programsPerCity: 3,
    cohortsPerProgram: 1,
    maxEnrollmentsPerCohort: 2,
    firstYear: 2021,
    lastYear: 2024,
  });
  // Some cohorts run at a forum event, so programmes can be listed by event.
  await connection.execute(
    `update education.cohort set event_id = ('00000000-0000-4000-9000-' || lpad((abs(hashtext(id::text)) % 500)::text, 12, '0'))::uuid
     where abs(hashtext(id::text || 'e')) % 4 = 0`,
  );
  // VACUUM as well, so the planner knows the pages are all visible and a count can read an index alone.
  await connection.execute('vacuum analyze');
  const ids = async (sql: string) => (await connection.execute<Array<{ key: string }>>(sql)).map((row) => row.key);
  keysOf.city = cityIds.slice(0, 50);
  keysOf.organization = providerIds.slice(0, 20);
  keysOf.event = await ids(
    `select distinct event_id::text as key from education.cohort where event_id is not null limit 50`,
  );
  keysOf.program = await ids(`select id::text as key from education.program order by id limit 50`);
  keysOf.cohort = await ids(`select id::text as key from education.cohort order by id limit 50`);
}, 120_000);
afterAll(() => subgraph.close());

const identities: Identity[] = [
  ANONYMOUS,
  { subject: 'plans', organizationId: providerIds[0]!, roles: ['partner'] },
  { subject: 'plans', organizationId: null, roles: ['secretariat'] },
];

const repositoryOf = <T extends object>(entity: new () => T) => subgraph.app.orm.em.fork().getRepository(entity);

async function expectIndexDriven(
  repository: unknown,
  parent: string,
  options: { filters?: unknown[]; orders?: unknown[]; indexOnlyCounts?: boolean } = {},
) {
  const problems = await nestedListWholeTableWork(
    subgraph.app.orm,
    repository as NestedListRepository<string>,
    parent,
    keysOf[parent]!,
    { identities, ...options },
  );
  expect(problems).toEqual([]);
}

test('every parent the repositories declare is covered here', () => {
  expect(Object.keys((repositoryOf(Program) as any).parentColumns).sort()).toEqual(['city', 'event', 'organization']);
  expect(Object.keys((repositoryOf(Cohort) as any).parentColumns)).toEqual(['program']);
  expect(Object.keys((repositoryOf(Enrollment) as any).parentColumns)).toEqual(['cohort']);
});

for (const parent of ['city', 'organization', 'event']) {
  test(`programmes by ${parent}`, async () => {
    await expectIndexDriven(repositoryOf(Program), parent, {
      // One parent with a filter too: filters add conditions, never a different access path.
      filters: parent === 'city' ? [undefined, { format: ProgramFormat.ONLINE }] : [undefined],
      orders: Object.values(ProgramOrderField),
      // An event's programmes are found through its cohorts (a join), and an event has a handful.
      indexOnlyCounts: parent !== 'event',
    });
  });
}

test('cohorts by programme', async () => {
  await expectIndexDriven(repositoryOf(Cohort), 'program', {
    filters: [undefined, { startsOnOrAfter: '2022-01-01' }],
  });
});

test('enrollments by cohort', async () => {
  await expectIndexDriven(repositoryOf(Enrollment), 'cohort', {
    filters: [undefined, { status: EnrollmentStatus.COMPLETED }],
  });
});

test('the programme list reads its index in every offered order', async () => {
  for (const order of Object.values(ProgramOrderField)) {
    for (const identity of identities) {
      const problems = await wholeTableWorkOf(
        subgraph.app.orm,
        () => repositoryOf(Program).listPage(identity, { order, first: 20 }),
        { orderedIndexScans: true },
      );
      expect(problems).toEqual([]);
    }
  }
});
