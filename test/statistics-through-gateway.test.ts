import { countStatements } from '@hrc/dev-kit/testing';
import { organizationIdFromSlug } from '@hrc/domain-kit';

import { startHub, type RunningHub } from './support/hub';

/*
 * The statistics of issue 11 through the real gateway: the network report combines the three subgraphs, its totals
 * equal the sum of its rows and an independent count in SQL, its cost does not grow with the network, and forum
 * participation is counted without naming anyone.
 */

let hub: RunningHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(() => hub.close());

const ormOf = (name: string) => hub.subgraphs.get(name)!.app.orm;

async function sql<T = Record<string, any>>(subgraph: string, text: string, bindings: unknown[] = []): Promise<T[]> {
  return (await ormOf(subgraph).em.getConnection().execute(text, bindings)) as T[];
}

/** Every SQL statement the three subgraphs run for one gateway operation. */
async function statementsOf(work: () => Promise<unknown>) {
  const { result: inner, statements: cities } = await countStatements(ormOf('cities'), () =>
    countStatements(ormOf('events'), () => countStatements(ormOf('education'), work)),
  );
  const { result, statements: education } = inner.result;
  return { result, counts: { cities: cities.length, events: inner.statements.length, education: education.length } };
}

const REPORT = `query($filter: NetworkReportFilter) { networkReport(filter: $filter) {
  rows { cityId city { slug } region country declarationYear mechanisms
    cities { cities declaredCities mechanisms policies includesSampleData }
    events { editionsHosted sessions registrations attended includesSampleData }
    education { programs cohorts enrolled completed includesSampleData byAudience { audience enrolled completed } } }
  regions { area region cities { cities declaredCities mechanisms policies } events { editionsHosted sessions registrations }
    education { programs enrolled completed } }
  network { area cities { cities declaredCities mechanisms policies includesSampleData }
    events { editionsHosted sessions registrations attended includesSampleData }
    education { programs cohorts enrolled completed includesSampleData byAudience { audience enrolled completed } } } } }`;

async function report(filter: Record<string, unknown> = {}, token?: string) {
  const result = await hub.query(REPORT, { variables: { filter }, token });
  expect(result.errors).toBeUndefined();
  return result.data!.networkReport as any;
}

const sum = (rows: any[], pick: (row: any) => number) => rows.reduce((total, row) => total + pick(row), 0);

describe('networkReport', () => {
  test('one row per city; region and network totals equal the sum of the rows and independent SQL', async () => {
    const networkReport = await report();
    const { rows, regions, network } = networkReport;
    const [{ count: cityCount }] = await sql('cities', 'select count(*)::int as count from cities.city');
    expect(rows).toHaveLength(cityCount);

    const gwangju = rows.find((row: any) => row.city.slug === 'gwangju');
    expect(gwangju).toMatchObject({ region: 'ASIA', country: 'KR', cities: { cities: 1 } });
    expect(gwangju.mechanisms).toEqual(expect.arrayContaining(['ORDINANCE', 'CHARTER', 'OMBUDSPERSON']));
    expect(gwangju.events.editionsHosted).toBe(14);
    expect(gwangju.events.includesSampleData).toBe(true);

    for (const totals of [...regions, network]) {
      const covered = totals.region ? rows.filter((row: any) => row.region === totals.region) : rows;
      expect(totals.cities.cities).toBe(covered.length);
      expect(totals.cities.policies).toBe(sum(covered, (row) => row.cities.policies));
      expect(totals.cities.mechanisms).toBe(sum(covered, (row) => row.cities.mechanisms));
      expect(totals.events.sessions).toBe(sum(covered, (row) => row.events.sessions));
      expect(totals.events.registrations).toBe(sum(covered, (row) => row.events.registrations));
      expect(totals.events.editionsHosted).toBe(sum(covered, (row) => row.events.editionsHosted));
      expect(totals.education.programs).toBe(sum(covered, (row) => row.education.programs));
      expect(totals.education.enrolled).toBe(sum(covered, (row) => row.education.enrolled));
      expect(totals.education.completed).toBe(sum(covered, (row) => row.education.completed));
    }
    expect(regions.map((totals: any) => totals.area)).toEqual(['AMERICAS', 'ASIA', 'EUROPE']);

    // Independent SQL, written from the tables, not from the report's code.
    const [policies] = await sql(
      'cities',
      `select count(*)::int as count from cities.policy where status = 'PUBLISHED'`,
    );
    const [mechanisms] = await sql(
      'cities',
      'select coalesce(sum(jsonb_array_length(mechanisms)), 0)::int as count from cities.city',
    );
    const [editions] = await sql('events', 'select count(*)::int as count from events.forum_edition');
    const [sessions] = await sql(
      'events',
      `select count(*)::int as count from events.event where status = 'PUBLISHED' and host_city_id is not null`,
    );
    const [registrations] = await sql(
      'events',
      `select count(*)::int as count from events.registration r join events.event e on e.id = r.event_id
       where e.status = 'PUBLISHED' and e.host_city_id is not null and r.status <> 'CANCELLED'`,
    );
    const [education] = await sql(
      'education',
      `select count(distinct p.id)::int as programs,
              (count(e.id) filter (where e.status <> 'DROPPED'))::int as enrolled,
              (count(e.id) filter (where e.status = 'COMPLETED'))::int as completed
       from education.program p join education.cohort c on c.program_id = p.id
       left join education.enrollment e on e.cohort_id = c.id where p.status = 'PUBLISHED' and p.city_id is not null`,
    );
    expect(network.cities).toMatchObject({ policies: policies!.count, mechanisms: mechanisms!.count });
    expect(network.events).toMatchObject({
      editionsHosted: editions!.count,
      sessions: sessions!.count,
      registrations: registrations!.count,
    });
    expect(network.education).toMatchObject(education!);
    expect(network.education.includesSampleData).toBe(true);
  });

  test('filters by years, region, country, theme and SDG goal', async () => {
    const { rows, network } = await report({ fromYear: 2020, toYear: 2024, region: 'ASIA' });
    expect(rows.map((row: any) => row.city.slug)).toEqual(['gwangju']);
    expect(network.events.editionsHosted).toBe(5);
    const austria = await report({ country: 'AT', theme: 'HOUSING', sdg: 11 });
    expect(austria.rows.map((row: any) => row.city.slug).sort()).toEqual(['graz', 'vienna']);
    const [housing] = await sql(
      'cities',
      `select count(*)::int as count from cities.policy p join cities.city c on c.id = p.city_id
       where c.country = 'AT' and p.status = 'PUBLISHED' and 'HOUSING' = any(p.themes) and 11 = any(p.sdgs)`,
    );
    expect(austria.network.cities.policies).toBe(housing!.count);
  });

  test('an empty report has zero totals, not an error', async () => {
    const empty = await report({ region: 'OCEANIA', fromYear: 1900, toYear: 2100 });
    expect(empty.rows).toEqual([]);
    expect(empty.regions).toEqual([]);
    expect(empty.network).toEqual({
      area: 'NETWORK',
      cities: { cities: 0, declaredCities: 0, mechanisms: 0, policies: 0, includesSampleData: false },
      events: { editionsHosted: 0, sessions: 0, registrations: 0, attended: 0, includesSampleData: false },
      education: { programs: 0, cohorts: 0, enrolled: 0, completed: 0, includesSampleData: false, byAudience: [] },
    });
  });

  test.each([
    ['toYear', { fromYear: 2024, toYear: 2020 }],
    ['country', { country: 'XX' }],
    ['sdg', { sdg: 18 }],
    ['fromYear', { fromYear: 1800 }],
  ])('bad input is BAD_USER_INPUT naming %s', async (field, filter) => {
    const result = await hub.query(REPORT, { variables: { filter } });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(result.errors?.[0]?.extensions)).toContain(field);
  });

  test('an unknown region or theme is refused as bad input naming the value', async () => {
    for (const filter of [{ region: 'ATLANTIS' }, { theme: 'NO_SUCH_THEME' }]) {
      const result = await hub.query(REPORT, { variables: { filter } });
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toContain(Object.keys(filter)[0]);
    }
  });

  test('the statements per report do not grow with the number of cities', async () => {
    const before = await statementsOf(() => hub.query(REPORT, { variables: { filter: {} } }));
    const citiesEm = ormOf('cities').em.fork();
    const connection = citiesEm.getConnection();
    await connection.execute(
      `insert into cities.city (id, slug, name, name_translations, country, region, mechanisms, memberships, version, created_at, updated_at)
       select gen_random_uuid(), 'cost-city-' || g, 'Cost City ' || g, '{}', 'KE', 'AFRICA', '[]', '[]', 1, now(), now()
       from generate_series(1, 60) g`,
    );
    const newCities = (await connection.execute(`select id from cities.city where slug like 'cost-city-%'`)) as Array<{
      id: string;
    }>;
    await ormOf('events')
      .em.getConnection()
      .execute(
        `insert into events.event (id, status, version, created_at, updated_at, kind, title, title_translations, description_translations,
                                   starts_at, ends_at, time_zone, format, host_city_id, languages, interpretation_languages,
                                   sign_languages, accessibility, speakers, all_day, is_sample_data)
         select gen_random_uuid(), 'PUBLISHED', 1, now(), now(), 'PARTNER_EVENT', 'Cost event', '{}', '{}',
                timestamptz '2023-05-01 10:00+00', timestamptz '2023-05-01 12:00+00', 'UTC', 'ONLINE', c::uuid,
                '{}', '{}', '{}', '{}', '[]', false, true
         from unnest(string_to_array(?, ',')) c`,
        [newCities.map((city) => city.id).join(',')],
      );
    const after = await statementsOf(() => hub.query(REPORT, { variables: { filter: {} } }));
    const data = (after.result as any).data.networkReport;
    expect(data.rows.length).toBe((before.result as any).data.networkReport.rows.length + 60);
    expect(data.regions.find((totals: any) => totals.area === 'AFRICA').events.sessions).toBe(60);
    // cities: the report, and one read of every row's city (this query selects city { slug }); events and
    // education: at most one each for the rows, the region totals and the network totals, which the gateway fetches
    // in parallel; those that overlap in time share one statement (sharedRead), so the count is between one and
    // three, and never grows with the cities.
    for (const { counts } of [before, after]) {
      expect(counts.cities).toBe(2);
      for (const subgraph of ['events', 'education'] as const) {
        expect(counts[subgraph]).toBeGreaterThanOrEqual(1);
        expect(counts[subgraph]).toBeLessThanOrEqual(3);
      }
    }
    await connection.execute(`delete from cities.city where slug like 'cost-city-%'`);
    await ormOf('events').em.getConnection().execute(`delete from events.event where title = 'Cost event'`);
  });
});

describe('statistics through the gateway', () => {
  test('policy statistics and the network education reach each take one query', async () => {
    const result = await hub.query(`{
      policyStatistics(filter: { sdg: 11 }) { policies includesSampleData byTheme { theme count } byRegion { region count } }
      educationReach(fromYear: 2020) { programs enrolled completed includesSampleData byAudience { audience enrolled } }
      city(slug: "gwangju") { policyStatistics { policies byAdoptionYear { year count } } }
      indicators { code series { year cities median includesSampleData } } }`);
    expect(result.errors).toBeUndefined();
    const data = result.data as any;
    expect(data.policyStatistics.policies).toBeGreaterThan(0);
    expect(data.educationReach.includesSampleData).toBe(true);
    expect(data.city.policyStatistics.policies).toBeGreaterThan(0);
  });

  test('forum participation per edition: counts only; accessibility needs for liaison staff and the secretariat', async () => {
    const events = await sql<{ id: string }>(
      'events',
      `select e.id from events.event e join events.forum_edition fe on fe.id = e.edition_id where fe.year = 2024 order by e.starts_at`,
    );
    expect(events.length).toBeGreaterThan(1);
    const organizations = ['gwangju-metropolitan-city', 'raoul-wallenberg-institute', 'etc-graz'].map(
      organizationIdFromSlug,
    );
    const needs = [
      { wheelchair: true, signLanguage: false, captions: true, dietary: null },
      { wheelchair: false, signLanguage: true, captions: false, dietary: 'vegetarian' },
      { wheelchair: false, signLanguage: false, captions: false, dietary: null },
    ];
    const statuses = ['REGISTERED', 'ATTENDED', 'CANCELLED'];
    for (const [index, organizationId] of organizations.entries()) {
      await sql(
        'events',
        `insert into events.registration (id, event_id, organization_id, participant_name, email, accessibility_needs, status,
                                          arrival, version, created_at, updated_at)
         values (gen_random_uuid(), ?, ?, ?, ?, ?::jsonb, ?, ?, 1, now(), now())`,
        [
          events[index % 2]!.id,
          organizationId,
          `Participant ${index}`,
          `p${index}@example.invalid`,
          JSON.stringify({ supportPerson: false, guideDog: false, other: null, ...needs[index] }),
          statuses[index],
          100 + index,
        ],
      );
    }
    const [registration] = await sql<{ id: string; event_id: string }>(
      'events',
      `select id, event_id from events.registration where status = 'ATTENDED'`,
    );
    await sql(
      'events',
      `insert into events.feedback (id, event_id, registration_id, organization_id, rating, comment, created_at)
       values (gen_random_uuid(), ?, ?, ?, 4, 'A private comment', now())`,
      [registration!.event_id, registration!.id, organizations[1]],
    );
    const query = `{ forumEdition(year: 2024) { participation {
      year sessions registrations { registered waitlisted cancelled attended total } organizations countries
      feedback { count average distribution { rating count } } includesSampleData accessibilityNeeds { kind count } } } }`;
    const liaison = await hub.query(query, { token: await hub.token('liaison') });
    expect(liaison.errors).toBeUndefined();
    const participation = (liaison.data as any).forumEdition.participation;
    expect(participation).toMatchObject({
      year: 2024,
      registrations: { registered: 1, waitlisted: 0, cancelled: 1, attended: 1, total: 3 },
      organizations: 2,
      countries: 2,
      feedback: { count: 1, average: 4 },
      includesSampleData: true,
    });
    expect(participation.sessions).toBe(events.length);
    expect(participation.accessibilityNeeds).toEqual(
      expect.arrayContaining([
        { kind: 'wheelchair', count: 1 },
        { kind: 'signLanguage', count: 1 },
        { kind: 'captions', count: 1 },
        { kind: 'dietary', count: 1 },
        { kind: 'guideDog', count: 0 },
      ]),
    );
    expect(JSON.stringify(liaison.data)).not.toMatch(/Participant|example\.invalid|vegetarian|private comment/);

    const anonymous = await hub.query(query);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.errors?.[0]?.path).toEqual(['forumEdition', 'participation', 'accessibilityNeeds']);
    const partner = await hub.query(query, {
      token: await hub.token('partner', organizationIdFromSlug('raoul-wallenberg-institute')),
    });
    expect(partner.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const token = await hub.token('liaison');
    const cost = await statementsOf(() =>
      hub.query(
        `{ forumEditions { year participation { sessions registrations { total } countries feedback { count } } } }`,
        {
          token,
        },
      ),
    );
    // events: the editions, the participation counts, the ratings; cities: the organisations' countries.
    expect(cost.counts).toEqual({ cities: 1, events: 3, education: 0 });
  });
});
