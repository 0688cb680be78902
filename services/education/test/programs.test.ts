import { randomUUID } from 'node:crypto';

import { countStatements, startTestSubgraph, type TestSubgraph } from '@hrc/dev-kit/testing';
import { cityIdFromSlug, organizationIdFromSlug } from '@hrc/domain-kit';

import { educationSubgraph } from '../src/app';
import { CREATE_COHORT, CREATE_PROGRAM, PROVIDER_ID, dataOf, errorOf, secretariat } from './support';

let education: TestSubgraph;
beforeAll(async () => {
  education = await startTestSubgraph(educationSubgraph, { SEED_ON_START: 'real' });
});
afterAll(() => education.close());

const titles = (connection: { edges: Array<{ node: { title: string } }> }) =>
  connection.edges.map((edge) => edge.node.title);
const KOICA = 'Human Rights Training for a Sustainable and Inclusive Community';
const CENTRE = 'Human rights education at the Gwangju International Human Rights Education Center';

describe('the real seed', () => {
  test('programmes for public officials, with provider, city and sample cohorts', async () => {
    const { programs } = await dataOf(
      education,
      `{
      programs(first: 10, filter: { audience: PUBLIC_OFFICIALS }) {
        totalCount
        edges { node { title provider { id } city { id } audiences themes languages format durationHours
          cohorts(first: 5) { edges { node { startsOn endsOn capacity enrolled completed notes } } } } }
      }
    }`,
    );
    expect(programs.totalCount).toBe(2);
    expect(titles(programs)).toEqual([CENTRE, KOICA]);
    const koica = programs.edges[1].node;
    expect(koica).toMatchObject({
      provider: { id: organizationIdFromSlug('gwangju-metropolitan-city') },
      city: { id: cityIdFromSlug('gwangju') },
      audiences: ['PUBLIC_OFFICIALS'],
      format: 'IN_PERSON',
      durationHours: null,
    });
    expect(koica.cohorts.edges[0].node).toMatchObject({
      startsOn: '2023-06-12',
      capacity: 25,
      enrolled: 18,
      completed: 18,
    });
    expect(koica.cohorts.edges[0].node.notes).toMatch(/^Sample data/);
  });

  test("Gwangju's programmes and 2023 reach, as the gateway would ask", async () => {
    const { _entities } = await dataOf(
      education,
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on City {
        programs(first: 5) { totalCount }
        educationReach(year: 2023) { programs cohorts enrolled completed completionRate byAudience { audience enrolled completed } } } } }`,
      { reps: [{ __typename: 'City', id: cityIdFromSlug('gwangju') }] },
    );
    expect(_entities[0]).toEqual({
      programs: { totalCount: 2 },
      educationReach: {
        programs: 2,
        cohorts: 2,
        enrolled: 39,
        completed: 39,
        completionRate: 39 / 44,
        byAudience: [
          { audience: 'PUBLIC_OFFICIALS', enrolled: 28, completed: 28 },
          { audience: 'RESIDENTS', enrolled: 11, completed: 11 },
        ],
      },
    });
  });
});

describe('filters and pages', () => {
  test.each([
    ['language', '{ language: "ko" }', [CENTRE]],
    ['theme', '{ theme: PARTICIPATION }', [KOICA]],
    ['date window', '{ startsOnOrAfter: "2024-01-01", startsOnOrBefore: "2024-12-31" }', [CENTRE]],
    ['search in a translation', '{ search: "인권교육" }', [CENTRE]],
    ['search, case-insensitive', '{ search: "koica" }', [KOICA]],
    ['city', `{ cityId: "${cityIdFromSlug('vienna')}" }`, []],
    ['provider', `{ providerId: "${PROVIDER_ID}" }`, [CENTRE, KOICA]],
    ['format', '{ format: ONLINE }', []],
  ])('%s', async (_label, filter, expected) => {
    const { programs } = await dataOf(
      education,
      `{ programs(first: 10, filter: ${filter}) { totalCount edges { node { title } } } }`,
    );
    expect(titles(programs)).toEqual(expected);
    expect(programs.totalCount).toBe(expected.length);
  });

  test('cursor pages continue the query that made them, and only that query', async () => {
    const first = await dataOf(
      education,
      `{ programs(first: 1) { pageInfo { hasNextPage endCursor } edges { node { title } } } }`,
    );
    expect(first.programs.pageInfo.hasNextPage).toBe(true);
    const next = await dataOf(
      education,
      `query($after: String) { programs(first: 1, after: $after) { pageInfo { hasNextPage } edges { node { title } } } }`,
      {
        after: first.programs.pageInfo.endCursor,
      },
    );
    expect([...titles(first.programs), ...titles(next.programs)]).toEqual([CENTRE, KOICA]);
    expect(next.programs.pageInfo.hasNextPage).toBe(false);
    const wrong = await errorOf(
      education,
      `query($after: String) { programs(first: 1, after: $after, filter: { language: "en" }) { totalCount } }`,
      {
        after: first.programs.pageInfo.endCursor,
      },
    );
    expect(wrong.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('Event.programs', () => {
  test('lists the programmes with a cohort delivered at the event, batched across events', async () => {
    const eventA = randomUUID();
    const eventB = randomUUID();
    const { programs } = await dataOf(education, `{ programs(first: 2) { edges { node { id title } } } }`);
    const [centre, koica] = programs.edges.map((edge: any) => edge.node);
    const cohort = (programId: string, eventId: string) => ({
      input: { programId, startsOn: '2024-10-10', endsOn: '2024-10-11', capacity: 40, eventId, notes: 'Sample data' },
    });
    await dataOf(education, CREATE_COHORT, cohort(centre.id, eventA), secretariat);
    await dataOf(education, CREATE_COHORT, cohort(centre.id, eventA), secretariat);
    await dataOf(education, CREATE_COHORT, cohort(koica.id, eventA), secretariat);
    await dataOf(education, CREATE_COHORT, cohort(koica.id, eventB), secretariat);
    const query = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Event { id programs(first: 10) { totalCount edges { node { title } } } } } }`;
    const { result, statements } = await countStatements(education.app.orm, () =>
      dataOf(education, query, { reps: [eventA, eventB, randomUUID()].map((id) => ({ __typename: 'Event', id })) }),
    );
    expect(result._entities.map((event: any) => [titles(event.programs), event.programs.totalCount])).toEqual([
      [[CENTRE, KOICA], 2],
      [[KOICA], 1],
      [[], 0],
    ]);
    // Pages and totals in one statement, an event with no programme (the random id) counted as 0.
    expect(statements).toHaveLength(1);
    const { program } = await dataOf(
      education,
      `query($id: ID!) { program(id: $id) { cohorts(first: 10) { edges { node { event { id } } } } } }`,
      { id: koica.id },
    );
    // Both event cohorts start the same day, so their order is by id.
    const events = program.cohorts.edges.map((edge: any) => edge.node.event?.id ?? null);
    expect(events[0]).toBeNull();
    expect(events.slice(1).sort()).toEqual([eventA, eventB].sort());
  });

  test('a partner creates a programme that stays SUBMITTED until reviewed', async () => {
    const { createProgram } = await dataOf(
      education,
      CREATE_PROGRAM,
      {
        input: {
          cityId: cityIdFromSlug('gwangju'),
          title: 'Youth rights camp',
          description: 'Sample',
          audiences: ['YOUTH'],
        },
      },
      { subject: 'gw', organizationId: PROVIDER_ID, roles: ['partner'] },
    );
    expect(createProgram).toMatchObject({ status: 'SUBMITTED', version: 1 });
  });
});
