import { startTestSubgraph, type TestSubgraph } from '@hrc/dev-kit/testing';
import type { Identity } from '@hrc/service-kit';

import { eventsSubgraph } from '../src/app';
import { REGISTER, callers, createPublishedEvent } from './support/fixtures';

let subgraph: TestSubgraph;
let eventId: string;
let registrationId: string;
let registrationVersion: number;

const NEEDS = { wheelchair: true, guideDog: true, dietary: 'vegan', other: 'step-free seat near an exit' };

beforeAll(async () => {
  subgraph = await startTestSubgraph(eventsSubgraph);
  eventId = (await createPublishedEvent(subgraph, { capacity: 10 })).id;
  const registered = await subgraph.query<{ registerForEvent: { id: string; version: number } }>(
    REGISTER,
    { input: { eventId, participantName: 'Kim Delegate', email: 'kim@example.org', accessibilityNeeds: NEEDS } },
    callers.registrant,
  );
  registrationId = registered.data!.registerForEvent.id;
  registrationVersion = registered.data!.registerForEvent.version;
});
afterAll(() => subgraph.close());

const DIRECT = `query ($id: ID!) {
  registration(id: $id) { participantName email accessibilityNeeds { wheelchair guideDog dietary other } }
}`;
const LISTED = `query ($id: ID!) {
  event(id: $id) {
    seats { registered }
    registrations { totalCount edges { node { participantName email accessibilityNeeds { wheelchair dietary } } } }
  }
}`;
const FEDERATED = `query ($id: ID!) {
  _entities(representations: [{ __typename: "Event", id: $id }]) {
    ... on Event { registrations { totalCount edges { node { email accessibilityNeeds { dietary } } } } }
  }
}`;

const FULL = {
  participantName: 'Kim Delegate',
  email: 'kim@example.org',
  accessibilityNeeds: { wheelchair: true, guideDog: true, dietary: 'vegan', other: NEEDS.other },
};

type Expectation = { direct: unknown; listed: unknown };
const PRIVATE_LISTED = {
  totalCount: 1,
  edges: [
    {
      node: {
        participantName: 'Kim Delegate',
        email: 'kim@example.org',
        accessibilityNeeds: { wheelchair: true, dietary: 'vegan' },
      },
    },
  ],
};

const MATRIX: Array<[keyof typeof callers, Expectation]> = [
  // A private list is never an error: callers who may read none of it get an empty list.
  ['anonymous', { direct: null, listed: { totalCount: 0, edges: [] } }],
  ['registrant', { direct: FULL, listed: PRIVATE_LISTED }],
  ['otherPartner', { direct: null, listed: { totalCount: 0, edges: [] } }],
  ['organizer', { direct: FULL, listed: PRIVATE_LISTED }],
  // Liaison staff report on counts, not people.
  ['liaison', { direct: null, listed: { totalCount: 0, edges: [] } }],
  ['secretariat', { direct: FULL, listed: PRIVATE_LISTED }],
];

describe.each(MATRIX)('participant email and accessibility needs as %s', (role, expected) => {
  const identity: Identity = callers[role];

  test('asking for the registration directly', async () => {
    const result = await subgraph.query(DIRECT, { id: registrationId }, identity);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ registration: expected.direct });
  });

  test("through the event's registrations, with counts that never include hidden rows", async () => {
    const result = await subgraph.query<{ event: { seats: unknown; registrations: unknown } | null }>(
      LISTED,
      { id: eventId },
      identity,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.event).toEqual({ seats: { registered: 1 }, registrations: expected.listed });
  });

  test('through a federated Event reference', async () => {
    const result = await subgraph.query(FEDERATED, { id: eventId }, identity);
    const body = JSON.stringify(result);
    if (expected.direct === FULL) expect(body).toContain('kim@example.org');
    else expect(body).not.toContain('kim@example.org');
    expect(body.includes('vegan')).toBe(expected.direct === FULL);
  });
});

test('public seat counts are the same for everyone', async () => {
  for (const identity of Object.values(callers)) {
    const result = await subgraph.query(
      `query ($id: ID!) { event(id: $id) { seats { capacity registered waitlisted remaining } } }`,
      { id: eventId },
      identity,
    );
    expect(result.data).toEqual({ event: { seats: { capacity: 10, registered: 1, waitlisted: 0, remaining: 9 } } });
  }
});

describe('feedback', () => {
  let feedbackId: string;

  test('the registering organisation evaluates once per registration', async () => {
    const submit = `mutation ($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { id rating } }`;
    const other = await subgraph.query(submit, { input: { registrationId, rating: 5 } }, callers.otherPartner);
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await subgraph.query(submit, { input: { registrationId, rating: 6 } }, callers.registrant);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(String(bad.errors?.[0]?.extensions?.field)).toMatch(/rating$/);
    const first = await subgraph.query<{ submitFeedback: { id: string } }>(
      submit,
      { input: { registrationId, rating: 4, comment: 'Captions were excellent' } },
      callers.registrant,
    );
    expect(first.errors).toBeUndefined();
    feedbackId = first.data!.submitFeedback.id;
    const again = await subgraph.query(submit, { input: { registrationId, rating: 1 } }, callers.registrant);
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  test('the summary is public; comments are for the organiser and the secretariat', async () => {
    const query = `query ($id: ID!) {
      event(id: $id) {
        feedbackSummary { count average distribution { rating count } }
        feedback { totalCount edges { node { id rating comment } } }
      }
    }`;
    const summary = {
      count: 1,
      average: 4,
      distribution: [1, 2, 3, 4, 5].map((rating) => ({ rating, count: rating === 4 ? 1 : 0 })),
    };
    for (const role of ['organizer', 'secretariat'] as const) {
      const result = await subgraph.query(query, { id: eventId }, callers[role]);
      expect(result.data).toEqual({
        event: {
          feedbackSummary: summary,
          feedback: {
            totalCount: 1,
            edges: [{ node: { id: feedbackId, rating: 4, comment: 'Captions were excellent' } }],
          },
        },
      });
    }
    for (const role of ['anonymous', 'registrant', 'otherPartner', 'liaison'] as const) {
      const result = await subgraph.query(query, { id: eventId }, callers[role]);
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ event: { feedbackSummary: summary, feedback: { totalCount: 0, edges: [] } } });
      expect(JSON.stringify(result)).not.toContain('Captions were excellent');
      const summaryOnly = await subgraph.query(
        `query ($id: ID!) { event(id: $id) { feedbackSummary { count average } } }`,
        { id: eventId },
        callers[role],
      );
      expect(summaryOnly.data).toEqual({ event: { feedbackSummary: { count: 1, average: 4 } } });
    }
  });

  test('only the organiser or the secretariat records attendance', async () => {
    const attend = `mutation ($id: ID!, $v: Int!) { markAttended(id: $id, expectedVersion: $v) { status version } }`;
    const byRegistrant = await subgraph.query(
      attend,
      { id: registrationId, v: registrationVersion },
      callers.registrant,
    );
    expect(byRegistrant.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byOrganizer = await subgraph.query<{ markAttended: { status: string; version: number } }>(
      attend,
      { id: registrationId, v: registrationVersion },
      callers.organizer,
    );
    expect(byOrganizer.data?.markAttended.status).toBe('ATTENDED');
    registrationVersion = byOrganizer.data!.markAttended.version;
    const seats = await subgraph.query(`query ($id: ID!) { event(id: $id) { seats { registered remaining } } }`, {
      id: eventId,
    });
    expect(seats.data).toEqual({ event: { seats: { registered: 1, remaining: 9 } } });
  });

  test('only the registering organisation, the organiser or the secretariat may cancel', async () => {
    const cancel = `mutation ($id: ID!, $v: Int!) { cancelRegistration(id: $id, expectedVersion: $v) { status } }`;
    const other = await subgraph.query(cancel, { id: registrationId, v: registrationVersion }, callers.otherPartner);
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const liaison = await subgraph.query(cancel, { id: registrationId, v: registrationVersion }, callers.liaison);
    expect(liaison.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
