import { randomUUID } from 'node:crypto';

import { countStatements, startTestSubgraph, type TestSubgraph } from '@hrc/dev-kit/testing';
import { cityIdFromSlug, organizationIdFromSlug } from '@hrc/domain-kit';

import { eventsSubgraph } from '../src/app';
import { Event } from '../src/event/event.entity';
import { EventFormat, EventKind } from '../src/event/event.enums';
import { CREATE_EVENT, ORGANIZER_ORG, callers, createPublishedEvent } from './support/fixtures';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startTestSubgraph(eventsSubgraph, { SEED_ON_START: 'real' });
});
afterAll(() => subgraph.close());

async function countRows(table: string): Promise<number> {
  const [row] = await subgraph.app.orm.em
    .getConnection()
    .execute<Array<{ total: number }>>(`select count(*)::int as total from events.${table}`);
  return row!.total;
}

describe('the seeded forum', () => {
  test('14 editions 2011–2024 with their real dates and themes, all hosted by Gwangju', async () => {
    const result = await subgraph.query<{ forumEditions: Array<Record<string, unknown>> }>(
      `{ forumEditions { number year theme startsOn endsOn format hostCity { id } } }`,
    );
    const editions = result.data!.forumEditions;
    expect(editions.map((edition) => edition.year)).toEqual(Array.from({ length: 14 }, (_, index) => 2011 + index));
    expect(editions.every((edition) => (edition.hostCity as { id: string }).id === cityIdFromSlug('gwangju'))).toBe(
      true,
    );
    expect(editions[1]).toMatchObject({ number: 2, year: 2012, theme: null, startsOn: null, endsOn: null });
    expect(editions[9]).toMatchObject({ year: 2020, format: 'ONLINE', startsOn: '2020-10-07', endsOn: '2020-10-10' });
    expect(editions[13]).toMatchObject({
      number: 14,
      year: 2024,
      theme: 'Civic Space and Human Rights Cities',
      startsOn: '2024-10-10',
      endsOn: '2024-10-11',
      format: 'IN_PERSON',
    });
    expect(editions.filter((edition) => edition.format === 'ONLINE').map((edition) => edition.year)).toEqual([2020]);
  });

  test('the steering committee met online on 6 and 25 April 2023', async () => {
    const result = await subgraph.query(
      `{ events(filter: { kind: MEETING }) { totalCount edges { node { title format allDay startsAt timeZone forumEdition { year } } } } }`,
    );
    expect(result.data).toEqual({
      events: {
        totalCount: 2,
        edges: ['2023-04-05T15:00:00.000Z', '2023-04-24T15:00:00.000Z'].map((startsAt) => ({
          node: {
            title: 'World Human Rights Cities Forum steering committee meeting',
            format: 'ONLINE',
            allDay: true,
            startsAt,
            timeZone: 'Asia/Seoul',
            forumEdition: { year: 2023 },
          },
        })),
      },
    });
  });

  test('sample sessions say they are sample data', async () => {
    const result = await subgraph.query<{
      forumEdition: { events: { edges: Array<{ node: { title: string; description: string } }> } };
    }>(`{ forumEdition(year: 2024) { events(first: 20) { edges { node { title description } } } } }`);
    const sessions = result.data!.forumEdition.events.edges.map((edge) => edge.node);
    expect(sessions.length).toBeGreaterThan(0);
    const local = await subgraph.query(
      `{ forumEdition(year: 2024) { events(first: 1) { edges { node { startsAt startsAtLocal endsAtLocal timeZone } } } } }`,
    );
    expect(local.data).toEqual({
      forumEdition: {
        events: {
          edges: [
            {
              node: {
                startsAt: '2024-10-10T01:00:00.000Z',
                startsAtLocal: '2024-10-10T10:00:00+09:00',
                endsAtLocal: '2024-10-10T12:00:00+09:00',
                timeZone: 'Asia/Seoul',
              },
            },
          ],
        },
      },
    });
    for (const session of sessions) {
      expect(session.title).toMatch(/^Sample session/);
      expect(session.description).toMatch(/^SAMPLE DATA/);
    }
  });

  test("the sustainability checklist has the forum's 16 items in four sectors, with scores", async () => {
    const result = await subgraph.query<{ forumEdition: { sustainability: any } }>(
      `{ forumEdition(year: 2023) { sustainability { score doneCount itemCount version sectors { sector score items { code done evidence } } } } }`,
    );
    const checklist = result.data!.forumEdition.sustainability;
    expect(checklist).toMatchObject({ doneCount: 1, itemCount: 16, score: 0.0625 });
    expect(checklist.sectors.map((sector: { sector: string }) => sector.sector)).toEqual([
      'ENVIRONMENT',
      'SOCIETY',
      'GOVERNANCE',
      'HUMAN_RIGHTS',
    ]);
    expect(checklist.sectors.every((sector: { items: unknown[] }) => sector.items.length === 4)).toBe(true);
    expect(checklist.sectors[2]).toMatchObject({ sector: 'GOVERNANCE', score: 0.25 });
    expect(checklist.sectors[2].items[0]).toMatchObject({ code: 'GOV_STEERING_COMMITTEE', done: true });
  });
});

describe('writing events', () => {
  const validInput = {
    kind: 'SIDE_EVENT',
    title: 'Partner side event',
    startsAt: '2031-03-01T01:00:00Z',
    endsAt: '2031-03-01T02:00:00Z',
    timeZone: 'Asia/Seoul',
    format: 'HYBRID',
  };

  test("a partner's event is organised by its own organisation and SUBMITTED", async () => {
    const result = await subgraph.query<{ createEvent: { status: string; organizer: { id: string } } }>(
      `mutation ($input: CreateEventInput!) { createEvent(input: $input) { status organizer { id } } }`,
      { input: validInput },
      callers.organizer,
    );
    expect(result.data).toEqual({ createEvent: { status: 'SUBMITTED', organizer: { id: ORGANIZER_ORG } } });
    const forOther = await subgraph.query(
      CREATE_EVENT,
      { input: { ...validInput, organizationId: randomUUID() } },
      callers.organizer,
    );
    expect(forOther.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  test.each([
    ['endsAt', { endsAt: '2031-03-01T00:00:00Z' }],
    ['timeZone', { timeZone: 'Mars/Olympus_Mons' }],
    ['editionYear', { editionYear: 1999 }],
    ['languages', { languages: ['not a tag'] }],
    ['title', { title: 'x' }],
    ['capacity', { capacity: 0 }],
  ])('bad %s is BAD_USER_INPUT naming the field, and writes nothing', async (field, change) => {
    const [events, audits] = [await countRows('event'), await countRows('audit_record')];
    const result = await subgraph.query(CREATE_EVENT, { input: { ...validInput, ...change } }, callers.organizer);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(String(result.errors?.[0]?.extensions?.field)).toMatch(new RegExp(`${field}$`));
    expect([await countRows('event'), await countRows('audit_record')]).toEqual([events, audits]);
  });

  test('a stale version is a CONFLICT; only the organiser or the secretariat may change an event', async () => {
    const created = await createPublishedEvent(subgraph);
    const update = `mutation ($id: ID!, $v: Int!, $title: String!) { updateEvent(id: $id, expectedVersion: $v, input: { title: $title }) { title version pendingChanges } }`;
    const other = await subgraph.query(
      update,
      { id: created.id, v: created.version, title: 'Hijacked' },
      callers.otherPartner,
    );
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const first = await subgraph.query(
      update,
      { id: created.id, v: created.version, title: 'Renamed once' },
      callers.organizer,
    );
    // The event is published, so the organiser's edit waits for review while the public title stays.
    expect(first.data).toEqual({
      updateEvent: {
        title: 'Accessible city workshop',
        version: created.version + 1,
        pendingChanges: { title: 'Renamed once' },
      },
    });
    const stale = await subgraph.query(
      update,
      { id: created.id, v: created.version, title: 'Renamed twice' },
      callers.organizer,
    );
    expect(stale.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'expectedVersion',
      currentVersion: created.version + 1,
    });
  });

  test('the secretariat manages editions; a stale edition version is a CONFLICT', async () => {
    const create = `mutation ($input: CreateForumEditionInput!) { createForumEdition(input: $input) { year version } }`;
    const input = { year: 2025, number: 15, format: 'IN_PERSON', hostCityId: cityIdFromSlug('gwangju') };
    expect((await subgraph.query(create, { input }, callers.organizer)).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await subgraph.query(create, { input }, callers.secretariat)).data).toEqual({
      createForumEdition: { year: 2025, version: 1 },
    });
    const update = `mutation ($v: Int!) { updateForumEdition(year: 2025, expectedVersion: $v, input: { theme: "To be announced" }) { theme version } }`;
    expect((await subgraph.query(update, { v: 1 }, callers.secretariat)).data).toEqual({
      updateForumEdition: { theme: 'To be announced', version: 2 },
    });
    expect((await subgraph.query(update, { v: 1 }, callers.secretariat)).errors?.[0]?.extensions?.code).toBe(
      'CONFLICT',
    );
    const bad = await subgraph.query(
      `mutation { updateForumEdition(year: 2025, expectedVersion: 2, input: { startsOn: "2026-01-01" }) { year } }`,
      {},
      callers.secretariat,
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'startsOn' });
  });

  test('the checklist is updated by the secretariat (editions) or the organiser (events), with versions', async () => {
    const event = await createPublishedEvent(subgraph);
    const update = `mutation ($eventId: ID, $year: Int, $v: Int!, $items: [ChecklistItemInput!]!) {
      updateSustainabilityChecklist(eventId: $eventId, editionYear: $year, expectedVersion: $v, items: $items) {
        score version sectors { sector score }
      }
    }`;
    const items = [{ code: 'HR_BARRIER_FREE', done: true, evidence: 'https://example.org/access-audit' }];
    const byOther = await subgraph.query(update, { eventId: event.id, v: 0, items }, callers.otherPartner);
    expect(byOther.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byOrganizer = await subgraph.query<{ updateSustainabilityChecklist: any }>(
      update,
      { eventId: event.id, v: 0, items },
      callers.organizer,
    );
    expect(byOrganizer.data!.updateSustainabilityChecklist).toMatchObject({ score: 0.0625, version: 1 });
    expect(byOrganizer.data!.updateSustainabilityChecklist.sectors[3]).toEqual({ sector: 'HUMAN_RIGHTS', score: 0.25 });
    expect(
      (await subgraph.query(update, { eventId: event.id, v: 0, items }, callers.organizer)).errors?.[0]?.extensions
        ?.code,
    ).toBe('CONFLICT');
    const unknown = await subgraph.query(
      update,
      { eventId: event.id, v: 1, items: [{ code: 'NOPE', done: true }] },
      callers.organizer,
    );
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'items.0.code' });
    const edition = await subgraph.query(update, { year: 2024, v: 0, items }, callers.organizer);
    expect(edition.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await subgraph.query(update, { year: 2024, v: 0, items }, callers.secretariat)).errors).toBeUndefined();
  });
});

describe('reading events', () => {
  test('pages are capped at 100', async () => {
    const result = await subgraph.query(`{ events(first: 101) { totalCount } }`);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  test('filters: time window, city, organisation, language, accessibility, edition, text', async () => {
    const gwangju = cityIdFromSlug('gwangju');
    const secretariat = organizationIdFromSlug('whrcf-secretariat');
    const count = async (filter: string) =>
      (await subgraph.query<{ events: { totalCount: number } }>(`{ events(filter: ${filter}) { totalCount } }`)).data!
        .events.totalCount;
    expect(await count(`{ cityId: "${gwangju}", from: "2024-01-01T00:00:00Z", to: "2025-01-01T00:00:00Z" }`)).toBe(3);
    expect(await count(`{ organizationId: "${secretariat}", editionYear: 2023 }`)).toBe(3);
    expect(await count(`{ editionYear: 2023 }`)).toBe(5);
    expect(await count(`{ language: "ko-KR", editionYear: 2022 }`)).toBe(0);
    expect(await count(`{ language: "ko", editionYear: 2022 }`)).toBe(3);
    expect(await count(`{ accessibility: LIVE_CAPTIONS, editionYear: 2024 }`)).toBe(3);
    expect(await count(`{ accessibility: QUIET_ROOM }`)).toBe(0);
    expect(await count(`{ search: "steering committee" }`)).toBe(2);
    expect(await count(`{ format: ONLINE }`)).toBe(2);
  });

  test("an edition's timetable groups its sessions by local day", async () => {
    const result = await subgraph.query(
      `{ forumEdition(year: 2024) { timetable { date sessionCount sessions { edges { node { title } } } } } }`,
    );
    expect(result.data).toEqual({
      forumEdition: {
        timetable: [
          {
            date: '2024-10-10',
            sessionCount: 2,
            sessions: {
              edges: [
                { node: { title: 'Sample session: Opening plenary (2024)' } },
                { node: { title: 'Sample session: Thematic session on the forum theme (2024)' } },
              ],
            },
          },
          {
            date: '2024-10-11',
            sessionCount: 1,
            sessions: { edges: [{ node: { title: 'Sample session: Closing plenary (2024)' } }] },
          },
        ],
      },
    });
  });

  test('a reference whose id is no uuid has an empty list and a total of 0, not an internal error', async () => {
    const { data, errors } = await subgraph.query<any>(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on City {
        withTotal: events(first: 2) { totalCount edges { node { id } } }
        pageOnly: events(first: 3) { edges { node { id } } }
        totalOnly: events(first: 4) { totalCount }
      } } }`,
      {
        r: [
          { __typename: 'City', id: 'not-a-uuid' },
          { __typename: 'City', id: cityIdFromSlug('gwangju') },
        ],
      },
    );
    expect(errors).toBeUndefined();
    expect(data._entities[0]).toEqual({
      withTotal: { totalCount: 0, edges: [] },
      pageOnly: { edges: [] },
      totalOnly: { totalCount: 0 },
    });
    expect(data._entities[1].withTotal.totalCount).toBe(data._entities[1].totalOnly.totalCount);
  });

  test('keyset pagination walks every event exactly once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = await subgraph.query(
        `query ($after: String) { events(first: 4, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      seen.push(...page.data.events.edges.map((edge: { node: { id: string } }) => edge.node.id));
      if (!page.data.events.pageInfo.hasNextPage) break;
      after = page.data.events.pageInfo.endCursor;
    }
    const total = (await subgraph.query<{ events: { totalCount: number } }>(`{ events { totalCount } }`)).data!.events
      .totalCount;
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });
});

describe('N+1', () => {
  const cityIds = Array.from({ length: 100 }, () => randomUUID());
  const organizerIds = Array.from({ length: 100 }, () => randomUUID());

  beforeAll(async () => {
    const create = await subgraph.query(
      `mutation ($input: CreateForumEditionInput!) { createForumEdition(input: $input) { year } }`,
      {
        input: {
          year: 2040,
          number: 30,
          format: 'HYBRID',
          hostCityId: cityIdFromSlug('gwangju'),
          startsOn: '2040-10-01',
          endsOn: '2040-10-04',
        },
      },
      callers.secretariat,
    );
    expect(create.errors).toBeUndefined();
    const em = subgraph.app.orm.em.fork();
    const [edition] = await em
      .getConnection()
      .execute<Array<{ id: string }>>(`select id from events.forum_edition where year = 2040`);
    for (let index = 0; index < 100; index += 1) {
      em.create(Event, {
        kind: EventKind.THEMATIC_SESSION,
        title: `Session ${index}`,
        startsAt: new Date(Date.UTC(2040, 9, 1 + (index % 4), 0, index)),
        endsAt: new Date(Date.UTC(2040, 9, 1 + (index % 4), 2, index)),
        timeZone: 'Asia/Seoul',
        format: EventFormat.IN_PERSON,
        hostCityId: cityIds[index]!,
        contributedBy: organizerIds[index]!,
        editionId: edition!.id,
        status: 'PUBLISHED' as never,
        capacity: 30,
        speakers: [{ name: `Speaker ${index}`, affiliation: null, organizationId: organizerIds[index]! }],
      });
    }
    await em.flush();
  });

  const editionQuery = (first: number) => `{
    forumEdition(year: 2040) {
      hostCity { id }
      events(first: ${first}) {
        totalCount
        edges { node {
          id hostCity { id } organizer { id } forumEdition { year } speakers { organization { id } }
          seats { registered remaining } feedbackSummary { count } sustainability { score }
        } }
      }
      timetable { date sessions(first: ${first}) { totalCount edges { node { id } } } }
    }
  }`;

  test('an edition with 100 sessions, their cities, organisers, seats, ratings and checklists costs a fixed number of statements', async () => {
    const small = await countStatements(subgraph.app.orm, () =>
      subgraph.query(editionQuery(5), {}, callers.secretariat),
    );
    const large = await countStatements(subgraph.app.orm, () =>
      subgraph.query<any>(editionQuery(100), {}, callers.secretariat),
    );
    expect(large.result.errors).toBeUndefined();
    expect(large.result.data.forumEdition.events.edges).toHaveLength(100);
    expect(large.statements.length).toBe(small.statements.length);
    expect(large.statements.length).toBeLessThanOrEqual(9);
  });

  test('City.events and Organization.events for 100 references cost one statement for pages and totals together', async () => {
    const query = (field: string, typename: string, ids: string[]) => ({
      query: `query ($representations: [_Any!]!) {
        _entities(representations: $representations) { ... on ${typename} { ${field}(first: 3) { totalCount edges { node { id } } } } }
      }`,
      variables: { representations: ids.map((id) => ({ __typename: typename, id })) },
    });
    for (const [field, typename, ids] of [
      ['events', 'City', cityIds],
      ['events', 'Organization', organizerIds],
    ] as const) {
      const { query: text, variables } = query(field, typename, [...ids]);
      const measured = await countStatements(subgraph.app.orm, () => subgraph.query<any>(text, variables));
      expect(measured.result.data._entities.every((entity: any) => entity.events.totalCount === 1)).toBe(true);
      expect(measured.statements).toHaveLength(1);
    }
    const hosted = await countStatements(subgraph.app.orm, () =>
      subgraph.query<any>(
        `query ($r: [_Any!]!) { _entities(representations: $r) { ... on City { hostedEditions { year } } } }`,
        { r: [cityIdFromSlug('gwangju'), ...cityIds].map((id) => ({ __typename: 'City', id })) },
      ),
    );
    expect(hosted.result.data._entities[0].hostedEditions).toHaveLength(16);
    expect(hosted.statements).toHaveLength(1);
  });
});
