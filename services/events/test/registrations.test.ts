import { startTestSubgraph, type TestSubgraph } from '@hrc/dev-kit/testing';

import { eventsSubgraph } from '../src/app';
import { REGISTER, REGISTRANT_ORG, callers, createPublishedEvent } from './support/fixtures';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startTestSubgraph(eventsSubgraph);
});
afterAll(() => subgraph.close());

interface Row {
  id: string;
  status: string;
  arrival: number;
  version: number;
  created_at: Date;
}

function rowsOf(eventId: string): Promise<Row[]> {
  return subgraph.app.orm.em
    .getConnection()
    .execute<Row[]>(
      'select id, status, arrival, version, created_at from events.registration where event_id = ? order by arrival',
      [eventId],
    );
}

function register(eventId: string, index: number) {
  return subgraph.query<{ registerForEvent: { id: string; status: string; arrival: number; version: number } }>(
    REGISTER,
    { input: { eventId, participantName: `Delegate ${index}`, email: `delegate${index}@example.org` } },
    callers.registrant,
  );
}

describe('seat allocation under concurrency', () => {
  let eventId: string;
  let rows: Row[];

  beforeAll(async () => {
    eventId = (await createPublishedEvent(subgraph, { capacity: 50 })).id;
    const results = await Promise.all(Array.from({ length: 200 }, (_, index) => register(eventId, index)));
    expect(results.filter((result) => result.errors)).toEqual([]);
    rows = await rowsOf(eventId);
  });

  test('200 simultaneous registrations for 50 seats: exactly 50 registered and 150 waitlisted', () => {
    expect(rows).toHaveLength(200);
    expect(rows.filter((row) => row.status === 'REGISTERED')).toHaveLength(50);
    expect(rows.filter((row) => row.status === 'WAITLISTED')).toHaveLength(150);
  });

  test('no duplicates, and seats go in arrival order', () => {
    expect(rows.map((row) => row.arrival)).toEqual(Array.from({ length: 200 }, (_, index) => index + 1));
    expect(new Set(rows.map((row) => row.id)).size).toBe(200);
    expect(rows.slice(0, 50).every((row) => row.status === 'REGISTERED')).toBe(true);
    expect(rows.slice(50).every((row) => row.status === 'WAITLISTED')).toBe(true);
    const times = rows.map((row) => new Date(row.created_at).getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  test('the same participant cannot take two places', async () => {
    const again = await register(eventId, 7);
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await rowsOf(eventId)).toHaveLength(200);
  });

  test('public counts, not people', async () => {
    const result = await subgraph.query(
      `query ($id: ID!) { event(id: $id) { seats { capacity registered waitlisted remaining } } }`,
      {
        id: eventId,
      },
    );
    expect(result.data).toEqual({ event: { seats: { capacity: 50, registered: 50, waitlisted: 150, remaining: 0 } } });
  });

  test('concurrent cancellations promote the first waitlisted people, in order, one for one', async () => {
    const cancelled = rows.filter((row) => row.status === 'REGISTERED').slice(10, 30);
    const results = await Promise.all(
      cancelled.map((row) =>
        subgraph.query(
          `mutation ($id: ID!, $v: Int!) { cancelRegistration(id: $id, expectedVersion: $v) { status } }`,
          { id: row.id, v: row.version },
          callers.registrant,
        ),
      ),
    );
    expect(results.filter((result) => result.errors)).toEqual([]);
    const after = await rowsOf(eventId);
    expect(after.filter((row) => row.status === 'REGISTERED')).toHaveLength(50);
    expect(after.filter((row) => row.status === 'CANCELLED').map((row) => row.arrival)).toEqual(
      cancelled.map((row) => row.arrival),
    );
    const promoted = after.filter((row) => row.arrival > 50 && row.status === 'REGISTERED').map((row) => row.arrival);
    expect(promoted).toEqual(Array.from({ length: 20 }, (_, index) => 51 + index));
    expect(after.filter((row) => row.status === 'WAITLISTED')).toHaveLength(130);
  });

  test('cancelling a waitlisted place promotes nobody', async () => {
    const before = await rowsOf(eventId);
    const waiting = before.find((row) => row.status === 'WAITLISTED')!;
    const result = await subgraph.query(
      `mutation ($id: ID!, $v: Int!) { cancelRegistration(id: $id, expectedVersion: $v) { status } }`,
      { id: waiting.id, v: waiting.version },
      callers.registrant,
    );
    expect(result.data).toEqual({ cancelRegistration: { status: 'CANCELLED' } });
    const after = await rowsOf(eventId);
    expect(after.filter((row) => row.status === 'REGISTERED')).toHaveLength(50);
  });

  test('a stale version is a CONFLICT and changes nothing', async () => {
    const row = (await rowsOf(eventId)).find((candidate) => candidate.status === 'REGISTERED')!;
    const result = await subgraph.query(
      `mutation ($id: ID!, $v: Int!) { cancelRegistration(id: $id, expectedVersion: $v) { status } }`,
      { id: row.id, v: row.version + 1 },
      callers.registrant,
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'expectedVersion' });
    expect((await rowsOf(eventId)).find((candidate) => candidate.id === row.id)?.status).toBe('REGISTERED');
  });

  test('raising the capacity promotes from the waitlist', async () => {
    const event = await subgraph.query<{ event: { version: number } }>(
      `query ($id: ID!) { event(id: $id) { version } }`,
      { id: eventId },
    );
    const result = await subgraph.query(
      `mutation ($id: ID!, $v: Int!) { updateEvent(id: $id, expectedVersion: $v, input: { capacity: 55 }) { seats { registered remaining } } }`,
      { id: eventId, v: event.data!.event.version },
      callers.secretariat,
    );
    expect(result.data).toEqual({ updateEvent: { seats: { registered: 55, remaining: 0 } } });
  });
});

describe('who may register', () => {
  test('anonymous callers are UNAUTHENTICATED; a partner cannot register for another organisation', async () => {
    const eventId = (await createPublishedEvent(subgraph)).id;
    const input = { eventId, participantName: 'A', email: 'a@example.org' };
    const anonymous = await subgraph.query(REGISTER, { input });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const forOther = await subgraph.query(
      REGISTER,
      { input: { ...input, organizationId: REGISTRANT_ORG } },
      callers.otherPartner,
    );
    expect(forOther.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await rowsOf(eventId)).toHaveLength(0);
  });

  test("registering an address tells a partner nothing about other organisations' registrations", async () => {
    const eventId = (await createPublishedEvent(subgraph)).id;
    const input = { eventId, participantName: 'Probe', email: 'Someone@Example.org' };
    const first = await subgraph.query(REGISTER, { input }, callers.registrant);
    expect(first.errors).toBeUndefined();
    // The same address that another organisation registered, and one nobody registered, get the same answer.
    const taken = await subgraph.query(
      REGISTER,
      { input: { ...input, email: 'someone@example.org' } },
      callers.otherPartner,
    );
    const fresh = await subgraph.query(
      REGISTER,
      { input: { ...input, email: 'nobody@example.org' } },
      callers.otherPartner,
    );
    expect(taken.errors).toBeUndefined();
    expect(fresh.errors).toBeUndefined();
    const shape = (result: typeof taken) => Object.keys((result.data as any).registerForEvent).sort();
    expect(shape(taken)).toEqual(shape(fresh));
    // Who can read the first registration still learns that the address is taken.
    for (const caller of [callers.registrant, callers.organizer, callers.secretariat]) {
      const again = await subgraph.query(
        REGISTER,
        { input: { ...input, ...(caller === callers.secretariat ? { organizationId: REGISTRANT_ORG } : {}) } },
        caller,
      );
      expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    }
  });

  test('bad input names the field and writes nothing', async () => {
    const eventId = (await createPublishedEvent(subgraph)).id;
    const result = await subgraph.query(
      REGISTER,
      { input: { eventId, participantName: 'A', email: 'not-an-email' } },
      callers.registrant,
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(String(result.errors?.[0]?.extensions?.field)).toMatch(/email$/);
    expect(await rowsOf(eventId)).toHaveLength(0);
  });
});
