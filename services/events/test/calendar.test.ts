import { randomUUID } from 'node:crypto';

import ICAL from 'ical.js';

import { getSigned, startTestSubgraph, type TestSubgraph } from '@hrc/dev-kit/testing';
import { cityIdFromSlug } from '@hrc/domain-kit';

import { eventsSubgraph } from '../src/app';
import { callers, createPublishedEvent } from './support/fixtures';

let subgraph: TestSubgraph;
const viennaId = randomUUID();
const created: Record<string, { id: string; version: number }> = {};

const SESSIONS = {
  // Vienna is on summer time (UTC+2) in June and winter time (UTC+1) in December.
  summer: {
    startsAt: '2032-06-15T07:30:00.000Z',
    endsAt: '2032-06-15T09:00:00.000Z',
    timeZone: 'Europe/Vienna',
    local: [9, 30],
  },
  winter: {
    startsAt: '2032-12-01T08:00:00.000Z',
    endsAt: '2032-12-01T10:00:00.000Z',
    timeZone: 'Europe/Vienna',
    local: [9, 0],
  },
  seoul: {
    startsAt: '2032-10-10T01:00:00.000Z',
    endsAt: '2032-10-10T03:00:00.000Z',
    timeZone: 'Asia/Seoul',
    local: [10, 0],
  },
  montreal: {
    startsAt: '2032-03-14T14:00:00.000Z',
    endsAt: '2032-03-14T15:00:00.000Z',
    timeZone: 'America/Toronto',
    local: [10, 0],
  },
} as const;

beforeAll(async () => {
  subgraph = await startTestSubgraph(eventsSubgraph, { SEED_ON_START: 'real' });
  const edition = await subgraph.query(
    `mutation ($input: CreateForumEditionInput!) { createForumEdition(input: $input) { year } }`,
    {
      input: {
        year: 2032,
        number: 22,
        format: 'HYBRID',
        hostCityId: viennaId,
        startsOn: '2032-06-15',
        endsOn: '2032-06-17',
        theme: 'Feeds, commas; and semicolons',
      },
    },
    callers.secretariat,
  );
  expect(edition.errors).toBeUndefined();
  for (const [name, session] of Object.entries(SESSIONS)) {
    created[name] = await createPublishedEvent(subgraph, {
      title: `Session ${name}, with a long title that needs folding because calendar lines stop at seventy-five octets — 인권도시`,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      timeZone: session.timeZone,
      editionYear: 2032,
      hostCityId: viennaId,
    });
  }
});
afterAll(() => subgraph.close());

async function fetchCalendar(path: string) {
  const response = await getSigned(new URL(path, subgraph.url));
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return { calendar, events: calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component)) };
}

test("an edition's feed parses and round-trips every time in the event's own time zone", async () => {
  const feed = await fetchCalendar('/calendar/editions/2032.ics');
  expect(feed.status).toBe(200);
  expect(feed.type).toBe('text/calendar; charset=utf-8');
  expect(feed.text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
  const { calendar, events } = parse(feed.text);
  expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
  expect(
    calendar
      .getAllSubcomponents('vtimezone')
      .map((zone) => zone.getFirstPropertyValue('tzid'))
      .sort(),
  ).toEqual(['America/Toronto', 'Asia/Seoul', 'Europe/Vienna']);
  const edition = events.find((event) => event.uid === 'forum-edition-2032@hub.whrcf')!;
  expect(edition.summary).toBe('World Human Rights Cities Forum 2032: Feeds, commas; and semicolons');
  expect(edition.startDate.isDate).toBe(true);
  expect(edition.startDate.toString()).toBe('2032-06-15');
  expect(edition.endDate.toString()).toBe('2032-06-18');
  for (const [name, session] of Object.entries(SESSIONS)) {
    const event = events.find((candidate) => candidate.uid === `event-${created[name]!.id}@hub.whrcf`)!;
    expect(event.summary).toContain(`Session ${name}, with a long title`);
    expect(event.summary).toContain('인권도시');
    expect(event.startDate.zone?.tzid).toBe(session.timeZone);
    expect([event.startDate.hour, event.startDate.minute]).toEqual(session.local);
    expect(event.startDate.toJSDate().toISOString()).toBe(session.startsAt);
    expect(event.endDate.toJSDate().toISOString()).toBe(session.endsAt);
  }
});

test('UIDs are stable and SEQUENCE grows, so calendar apps replace rather than duplicate', async () => {
  const before = parse((await fetchCalendar('/calendar/editions/2032.ics')).text).events;
  const target = created.seoul!;
  const update = await subgraph.query(
    `mutation ($id: ID!, $v: Int!) { updateEvent(id: $id, expectedVersion: $v, input: { startsAt: "2032-10-10T02:00:00Z", endsAt: "2032-10-10T04:00:00Z" }) { version } }`,
    { id: target.id, v: target.version },
    callers.secretariat,
  );
  expect(update.errors).toBeUndefined();
  const after = parse((await fetchCalendar('/calendar/editions/2032.ics')).text).events;
  expect(after.map((event) => event.uid).sort()).toEqual(before.map((event) => event.uid).sort());
  const changed = after.find((event) => event.uid === `event-${target.id}@hub.whrcf`)!;
  const previous = before.find((event) => event.uid === `event-${target.id}@hub.whrcf`)!;
  expect(changed.sequence).toBe(previous.sequence + 1);
  expect([changed.startDate.hour, changed.startDate.zone?.tzid]).toEqual([11, 'Asia/Seoul']);
});

test("a city's feed has the editions it hosted and its published events; the seeded all-day meetings parse as dates", async () => {
  const feed = await fetchCalendar(`/calendar/cities/${viennaId}.ics`);
  expect(feed.status).toBe(200);
  const { events } = parse(feed.text);
  expect(events.map((event) => event.uid)).toContain('forum-edition-2032@hub.whrcf');
  expect(events.filter((event) => event.uid.startsWith('event-'))).toHaveLength(4);

  const seeded = parse((await fetchCalendar('/calendar/editions/2023.ics')).text).events;
  const meetings = seeded.filter((event) => event.summary.includes('steering committee'));
  expect(
    meetings.map((event) => [event.startDate.toString(), event.endDate.toString(), event.startDate.isDate]),
  ).toEqual([
    ['2023-04-06', '2023-04-07', true],
    ['2023-04-25', '2023-04-26', true],
  ]);
});

test("a city's feed answers to its slug as well as its id", async () => {
  const bySlug = await fetchCalendar('/calendar/cities/gwangju.ics');
  expect(bySlug.status).toBe(200);
  const byId = await fetchCalendar(`/calendar/cities/${cityIdFromSlug('gwangju')}.ics`);
  const uids = (text: string) => parse(text).events.map((event) => event.uid);
  expect(uids(bySlug.text)).toContain('forum-edition-2011@hub.whrcf');
  expect(uids(bySlug.text)).toEqual(uids(byId.text));
  expect((await fetchCalendar('/calendar/cities/Not_A_Slug.ics')).status).toBe(404);
});

test('the subgraph serves feeds only to the gateway', async () => {
  expect((await fetch(new URL('/calendar/editions/2032.ics', subgraph.url))).status).toBe(401);
});

test('unknown feeds are 404, and drafts never appear', async () => {
  expect((await fetchCalendar('/calendar/editions/1999.ics')).status).toBe(404);
  const head = await getSigned(new URL('/calendar/editions/2032.ics', subgraph.url), 'HEAD');
  expect([head.status, head.headers.get('content-type'), await head.text()]).toEqual([
    200,
    'text/calendar; charset=utf-8',
    '',
  ]);
  const draft = await subgraph.query<{ createEvent: { id: string } }>(
    `mutation { createEvent(input: { kind: SIDE_EVENT, title: "Unreviewed draft", startsAt: "2032-06-16T01:00:00Z", endsAt: "2032-06-16T02:00:00Z", timeZone: "Europe/Vienna", format: ONLINE, editionYear: 2032, hostCityId: "${viennaId}" }) { id status } }`,
    {},
    callers.organizer,
  );
  expect(draft.errors).toBeUndefined();
  expect((await fetchCalendar('/calendar/editions/2032.ics')).text).not.toContain('Unreviewed draft');
  expect((await fetchCalendar(`/calendar/cities/${viennaId}.ics`)).text).not.toContain('Unreviewed draft');
});

describe('event dates stay in a sane range, so no feed pays for an absurd span', () => {
  const CREATE = `mutation ($input: CreateEventInput!) { createEvent(input: $input) { id } }`;
  const input = (startsAt: string, endsAt: string) => ({
    kind: 'WORKSHOP',
    title: 'Span probe',
    startsAt,
    endsAt,
    timeZone: 'Europe/Vienna',
    format: 'IN_PERSON',
    hostCityId: viennaId,
  });

  test.each([
    ['an event spanning centuries', 'startsAt', '1900-01-01T00:00:00Z', '2300-01-01T00:00:00Z'],
    ['an event ending after 2100', 'endsAt', '2099-12-31T00:00:00Z', '2101-01-02T00:00:00Z'],
    ['an event longer than a year', 'endsAt', '2031-01-01T00:00:00Z', '2033-01-01T00:00:00Z'],
  ])('%s is BAD_USER_INPUT naming %s, and nothing is written', async (_label, field, startsAt, endsAt) => {
    const before = await subgraph.app.orm.em
      .fork()
      .getConnection()
      .execute('select count(*)::int as n from events.event');
    const result = await subgraph.query(CREATE, { input: input(startsAt, endsAt) }, callers.secretariat);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    const after = await subgraph.app.orm.em
      .fork()
      .getConnection()
      .execute('select count(*)::int as n from events.event');
    expect(after[0].n).toBe(before[0].n);
  });

  test('an update cannot stretch an event past the range either', async () => {
    const event = await createPublishedEvent(subgraph, { hostCityId: viennaId, title: 'Stretched' });
    const result = await subgraph.query(
      `mutation ($id: ID!, $v: Int!) { updateEvent(id: $id, expectedVersion: $v, input: { endsAt: "2999-01-01T00:00:00Z" }) { id } }`,
      { id: event.id, v: event.version },
      callers.secretariat,
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'endsAt' });
  });
});

test("a feed's time zone describes each event's own dates, not every day between the first and the last", async () => {
  const cityId = randomUUID();
  const far = {
    early: { startsAt: '2031-03-02T09:00:00.000Z', endsAt: '2031-03-02T10:00:00.000Z', local: [10, 0] },
    late: { startsAt: '2099-07-01T09:00:00.000Z', endsAt: '2099-07-01T10:00:00.000Z', local: [11, 0] },
  };
  const ids: Record<string, string> = {};
  for (const [name, dates] of Object.entries(far)) {
    ids[name] = (
      await createPublishedEvent(subgraph, { ...dates, timeZone: 'Europe/Vienna', hostCityId: cityId, title: name })
    ).id;
  }
  const { calendar, events } = parse((await fetchCalendar(`/calendar/cities/${cityId}.ics`)).text);
  const [vienna] = calendar.getAllSubcomponents('vtimezone');
  // One observance around each event; the old writer listed every transition of the 68 years between them.
  expect(vienna!.getAllSubcomponents().length).toBeLessThanOrEqual(4);
  for (const [name, dates] of Object.entries(far)) {
    const event = events.find((candidate) => candidate.uid === `event-${ids[name]}@hub.whrcf`)!;
    expect([event.startDate.hour, event.startDate.minute]).toEqual(dates.local);
    expect(event.startDate.toJSDate().toISOString()).toBe(dates.startsAt);
  }
});

test('a bare CR in a title is escaped, so it cannot start a new calendar line', async () => {
  const cityId = randomUUID();
  await createPublishedEvent(subgraph, {
    hostCityId: cityId,
    title: 'Carriage\rBEGIN:VEVENT\rUID:injected',
  });
  const feed = await fetchCalendar(`/calendar/cities/${cityId}.ics`);
  expect(feed.text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  const { events } = parse(feed.text);
  expect(events).toHaveLength(1);
  expect(events[0]!.summary).toBe('Carriage\nBEGIN:VEVENT\nUID:injected');
});
