import { cityIdFromSlug, organizationIdFromSlug } from '@hrc/domain-kit';

import { startHub, type RunningHub } from './support/hub';

let hub: RunningHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(() => hub.close());

const GWANGJU_CITY_GOVERNMENT = organizationIdFromSlug('gwangju-metropolitan-city');
const KOICA = 'Human Rights Training for a Sustainable and Inclusive Community';

async function data<T = any>(
  query: string,
  options: { variables?: Record<string, unknown>; token?: string } = {},
): Promise<T> {
  const result = await hub.query<T>(query, options);
  expect(result.errors).toBeUndefined();
  return result.data as T;
}

describe('education through the gateway', () => {
  test('programmes for public officials, with provider and city names from the cities subgraph', async () => {
    const { programs } = await data(`{
      programs(first: 10, filter: { audience: PUBLIC_OFFICIALS }) { totalCount edges { node {
        title provider { name } city { name } audiences themes languages format durationHours
        cohorts { edges { node { startsOn endsOn capacity enrolled completed } } } } } }
    }`);
    expect(programs.totalCount).toBe(2);
    const koica = programs.edges.find((edge: any) => edge.node.title === KOICA).node;
    expect(koica).toMatchObject({
      provider: { name: 'Gwangju Metropolitan City' },
      city: { name: 'Gwangju' },
      audiences: ['PUBLIC_OFFICIALS'],
      format: 'IN_PERSON',
    });
    expect(koica.cohorts.edges[0].node).toEqual({
      startsOn: '2023-06-12',
      endsOn: '2023-06-23',
      capacity: 25,
      enrolled: 18,
      completed: 18,
    });
  });

  test("City.programs and City.educationReach, contributed by education to the cities subgraph's City", async () => {
    const { city } = await data(`{ city(slug: "gwangju") { name programs(first: 5) { totalCount }
      educationReach(year: 2023) { programs cohorts enrolled completed completionRate includesSampleData byAudience { audience enrolled completed } } } }`);
    expect(city).toMatchObject({
      name: 'Gwangju',
      programs: { totalCount: 2 },
      // The seeded cohorts are made up, and the figures say so.
      educationReach: { programs: 2, cohorts: 2, enrolled: 39, completed: 39, includesSampleData: true },
    });
    expect(city.educationReach.completionRate).toBeCloseTo(39 / 44, 10);
    const { cities } = await data(
      `{ cities(first: 20) { edges { node { slug educationReach(year: 2023) { cohorts } } } } }`,
    );
    const cohortsBySlug = Object.fromEntries(
      cities.edges.map((edge: any) => [edge.node.slug, edge.node.educationReach.cohorts]),
    );
    expect(cohortsBySlug).toMatchObject({ gwangju: 2, vienna: 0, graz: 0 });
  });

  test('Organization.programs', async () => {
    const { organization } = await data(
      `query($id: ID!) { organization(id: $id) { name programs(first: 5) { totalCount edges { node { title } } } } }`,
      {
        variables: { id: GWANGJU_CITY_GOVERNMENT },
      },
    );
    expect(organization.programs.totalCount).toBe(2);
  });

  test('a cohort delivered at a forum event links Event and Program both ways', async () => {
    const token = await hub.token('partner', GWANGJU_CITY_GOVERNMENT);
    const { events } = await data(`{ events(first: 1) { edges { node { id title } } } }`);
    expect(events.edges.length).toBe(1);
    const forumEvent = events.edges[0].node;
    const { programs } = await data(`{ programs(first: 1, filter: { search: "KOICA" }) { edges { node { id } } } }`);
    const programId = programs.edges[0].node.id;
    await data(`mutation($input: CreateCohortInput!) { createCohort(input: $input) { id } }`, {
      token,
      variables: {
        input: {
          programId,
          startsOn: '2024-10-10',
          endsOn: '2024-10-11',
          capacity: 30,
          eventId: forumEvent.id,
          notes: 'Sample data',
        },
      },
    });
    // Event -> Program: the events subgraph's Event, extended with programs by education.
    const { event } = await data(
      `query($id: ID!) { event(id: $id) { title programs(first: 5) { totalCount edges { node { title city { name } } } } } }`,
      {
        variables: { id: forumEvent.id },
      },
    );
    expect(event).toEqual({
      title: forumEvent.title,
      programs: { totalCount: 1, edges: [{ node: { title: KOICA, city: { name: 'Gwangju' } } }] },
    });
    // Program -> Event: the cohort's event reference, resolved by the events subgraph.
    const { program } = await data(
      `query($id: ID!) { program(id: $id) { cohorts(first: 10) { edges { node { event { id title } } } } } }`,
      {
        variables: { id: programId },
      },
    );
    expect(program.cohorts.edges.map((edge: any) => edge.node.event).filter(Boolean)).toEqual([forumEvent]);
  });

  test('verifyCertificate: anyone may check a code, and learns only initials', async () => {
    const token = await hub.token('partner', GWANGJU_CITY_GOVERNMENT);
    const { city } = await data(
      `{ city(slug: "gwangju") { programs(first: 5, filter: { search: "KOICA" }) { edges { node {
      cohorts(first: 1) { edges { node { enrollments(first: 1, filter: { status: COMPLETED }) { edges { node { participantName certificate { code } } } } } } } } } } } }`,
      { token },
    );
    const enrollment = city.programs.edges[0].node.cohorts.edges[0].node.enrollments.edges[0].node;
    expect(enrollment.participantName).toMatch(/^Sample Participant/);
    const verify = `query($code: String!) { verifyCertificate(code: $code) { valid program { title } issuedOn holderInitials } }`;
    const labelled = await data(`query($code: String!) { verifyCertificate(code: $code) { isSampleData } }`, {
      variables: { code: enrollment.certificate.code },
    });
    expect(labelled.verifyCertificate.isSampleData).toBe(true);
    const { verifyCertificate } = await data(verify, { variables: { code: enrollment.certificate.code } });
    expect(verifyCertificate).toEqual({
      valid: true,
      program: { title: KOICA },
      issuedOn: '2023-06-23',
      holderInitials: 'S. P.', // the seed's "Sample Participant <n>": digits are not initials
    });
    const unknown = await data(verify, { variables: { code: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH' } });
    expect(unknown.verifyCertificate).toEqual({ valid: false, program: null, issuedOn: null, holderInitials: null });

    const anonymous =
      await data(`{ city(slug: "gwangju") { programs(first: 5, filter: { search: "KOICA" }) { edges { node {
      cohorts(first: 1) { edges { node { enrolled enrollments(first: 1) { totalCount edges { node { participantName } } } } } } } } } } }`);
    // The public sees how many took part, never a list of them.
    const cohort = anonymous.city.programs.edges[0].node.cohorts.edges[0].node;
    expect(cohort.enrolled).toBeGreaterThan(0);
    expect(cohort.enrollments).toEqual({ totalCount: 0, edges: [] });
  });

  test('the programme reference carries the city id the cities subgraph resolves', async () => {
    const { programs } = await data(`{ programs(first: 1) { edges { node { city { id slug } } } } }`);
    expect(programs.edges[0].node.city).toEqual({ id: cityIdFromSlug('gwangju'), slug: 'gwangju' });
  });
});
