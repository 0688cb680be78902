import { organizationIdFromSlug } from '@hrc/domain-kit';

import { startHub, type RunningHub } from './support/hub';

let hub: RunningHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(() => hub.close());

test('the 14 forum editions, with their host city from the cities subgraph', async () => {
  const result = await hub.query(
    `{ forumEditions { number year theme startsOn endsOn format hostCity { slug name } } }`,
  );
  expect(result.errors).toBeUndefined();
  const editions = result.data!.forumEditions as Array<Record<string, any>>;
  expect(editions).toHaveLength(14);
  expect(editions.every((edition) => edition.hostCity.slug === 'gwangju' && edition.hostCity.name === 'Gwangju')).toBe(
    true,
  );
  expect(editions[0]).toEqual({
    number: 1,
    year: 2011,
    theme: 'Globalizing Human Rights from Below',
    startsOn: '2011-05-16',
    endsOn: '2011-05-17',
    format: 'IN_PERSON',
    hostCity: { slug: 'gwangju', name: 'Gwangju' },
  });
  expect(editions[1]).toMatchObject({ year: 2012, theme: null });
  expect(editions[9]).toMatchObject({ year: 2020, format: 'ONLINE' });
});

test('an edition crosses into the cities subgraph and back', async () => {
  const result = await hub.query(`{
    forumEdition(year: 2024) {
      theme
      hostCity { name policies(first: 3) { totalCount } }
      events(first: 20) { edges { node { title kind startsAt endsAt languages accessibility } } }
      sustainability { sectors { sector score items { code done evidence } } }
    }
  }`);
  expect(result.errors).toBeUndefined();
  const edition = result.data!.forumEdition;
  expect(edition.theme).toBe('Civic Space and Human Rights Cities');
  expect(edition.hostCity.name).toBe('Gwangju');
  expect(edition.hostCity.policies.totalCount).toBeGreaterThan(0);
  expect(edition.events.edges[0].node).toEqual({
    title: 'Sample session: Opening plenary (2024)',
    kind: 'PLENARY',
    startsAt: '2024-10-10T01:00:00.000Z',
    endsAt: '2024-10-10T03:00:00.000Z',
    languages: ['ko', 'en'],
    accessibility: ['WHEELCHAIR_ACCESS', 'SIGN_LANGUAGE', 'LIVE_CAPTIONS'],
  });
  expect(edition.sustainability.sectors.map((sector: any) => [sector.sector, sector.items.length])).toEqual([
    ['ENVIRONMENT', 4],
    ['SOCIETY', 4],
    ['GOVERNANCE', 4],
    ['HUMAN_RIGHTS', 4],
  ]);
});

test('City.hostedEditions and City.events come from the events subgraph', async () => {
  const result = await hub.query(`{
    city(slug: "gwangju") {
      hostedEditions { year theme }
      events(first: 5, filter: { from: "2024-01-01T00:00:00Z" }) { totalCount }
    }
  }`);
  expect(result.errors).toBeUndefined();
  expect(result.data!.city.hostedEditions).toHaveLength(14);
  expect(result.data!.city.hostedEditions[13]).toEqual({ year: 2024, theme: 'Civic Space and Human Rights Cities' });
  expect(result.data!.city.events.totalCount).toBe(3);
});

test('Organization.events comes from the events subgraph, and events link back to their organiser', async () => {
  const id = organizationIdFromSlug('whrcf-secretariat');
  const result = await hub.query(
    `query ($id: ID!) {
      organization(id: $id) {
        events(first: 5) { totalCount edges { node { organizer { slug } hostCity { slug } forumEdition { year } } } }
      }
    }`,
    { variables: { id } },
  );
  expect(result.errors).toBeUndefined();
  expect(result.data!.organization.events.totalCount).toBe(9);
  expect(result.data!.organization.events.edges[0].node).toEqual({
    organizer: { slug: 'whrcf-secretariat' },
    hostCity: { slug: 'gwangju' },
    forumEdition: { year: 2022 },
  });
});

test('a registration through the gateway: the partner sees its delegate, another partner does not', async () => {
  const organizer = organizationIdFromSlug('gwangju-international-center');
  const secretariat = await hub.token('secretariat');
  const created = await hub.query(
    `mutation ($org: ID) {
      createEvent(input: { kind: WORKSHOP, title: "Barrier-free venues workshop", startsAt: "2031-10-10T01:00:00Z",
        endsAt: "2031-10-10T03:00:00Z", timeZone: "Asia/Seoul", format: IN_PERSON, capacity: 1, organizationId: $org }) { id }
    }`,
    { variables: { org: organizer }, token: secretariat },
  );
  expect(created.errors).toBeUndefined();
  const eventId = created.data!.createEvent.id;
  const partner = await hub.token('partner', organizationIdFromSlug('raoul-wallenberg-institute'));
  const registered = await hub.query(
    `mutation ($eventId: ID!) {
      registerForEvent(input: { eventId: $eventId, participantName: "Lee", email: "lee@example.org", accessibilityNeeds: { captions: true } }) {
        id status email accessibilityNeeds { captions } organization { slug }
      }
    }`,
    { variables: { eventId }, token: partner },
  );
  expect(registered.errors).toBeUndefined();
  expect(registered.data!.registerForEvent).toMatchObject({
    status: 'REGISTERED',
    email: 'lee@example.org',
    accessibilityNeeds: { captions: true },
    organization: { slug: 'raoul-wallenberg-institute' },
  });
  const other = await hub.token('partner', organizationIdFromSlug('etc-graz'));
  const seen = await hub.query(
    `query ($id: ID!, $eventId: ID!) {
      registration(id: $id) { email }
      event(id: $eventId) { seats { registered remaining } registrations { totalCount } organizer { slug } }
    }`,
    { variables: { id: registered.data!.registerForEvent.id, eventId }, token: other },
  );
  expect(seen.errors).toBeUndefined();
  expect(seen.data).toEqual({
    registration: null,
    event: {
      seats: { registered: 1, remaining: 0 },
      registrations: { totalCount: 0 },
      organizer: { slug: 'gwangju-international-center' },
    },
  });
});

describe('calendar feeds through the gateway', () => {
  const origin = () => new URL(hub.url).origin;

  test('an edition feed is served on the gateway host, from the events subgraph', async () => {
    const response = await fetch(`${origin()}/calendar/editions/2024.ics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const text = await response.text();
    expect(text).toContain('BEGIN:VCALENDAR');
    expect(text).toContain('UID:forum-edition-2024@hub.whrcf');
    const head = await fetch(`${origin()}/calendar/editions/2024.ics`, { method: 'HEAD' });
    expect(head.status).toBe(200);
  });

  test('unknown feeds are 404 and other methods 405', async () => {
    expect((await fetch(`${origin()}/calendar/editions/1999.ics`)).status).toBe(404);
    expect((await fetch(`${origin()}/calendar/editions/2024.ics`, { method: 'POST' })).status).toBe(405);
  });
});
