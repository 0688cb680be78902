import { startTestSubgraph, type TestSubgraph } from '@hrc/dev-kit/testing';
import { cityIdFromSlug } from '@hrc/domain-kit';
import { type Identity } from '@hrc/service-kit';

import { eventsSubgraph } from '../src/app';
import { CREATE_EVENT, ORGANIZER_ORG, callers, createPublishedEvent } from './support/fixtures';

let subgraph: TestSubgraph;
let draftId: string;
const vienna = cityIdFromSlug('vienna');

beforeAll(async () => {
  subgraph = await startTestSubgraph(eventsSubgraph);
  await createPublishedEvent(subgraph, { hostCityId: vienna, title: 'Published session' });
  const created = await subgraph.query<any>(
    CREATE_EVENT,
    {
      input: {
        kind: 'SIDE_EVENT',
        title: 'Unreviewed draft',
        startsAt: '2031-06-01T08:00:00Z',
        endsAt: '2031-06-01T09:00:00Z',
        timeZone: 'Europe/Vienna',
        format: 'ONLINE',
        hostCityId: vienna,
      },
    },
    callers.organizer,
  );
  expect(created.data.createEvent.status).toBe('SUBMITTED');
  draftId = created.data.createEvent.id;
});
afterAll(() => subgraph.close());

const ROUTES = {
  direct: `query($id: ID!) { event(id: $id) { title } }`,
  list: `{ events(first: 50) { totalCount edges { node { title } } } }`,
  search: `{ events(first: 50, filter: { search: "draft" }) { totalCount edges { node { title } } } }`,
  city: `query($city: ID!) { _entities(representations: [{ __typename: "City", id: $city }]) { ... on City { events(first: 50) { totalCount edges { node { title } } } } } }`,
  organization: `query($org: ID!) { _entities(representations: [{ __typename: "Organization", id: $org }]) { ... on Organization { events(first: 50) { totalCount edges { node { title } } } } } }`,
  reference: `query($id: ID!) { _entities(representations: [{ __typename: "Event", id: $id }]) { ... on Event { title } } }`,
};

describe.each([
  ['anonymous', callers.anonymous, false],
  ['another partner', callers.otherPartner, false],
  ['liaison staff', callers.liaison, false],
  ['the organiser', callers.organizer, true],
  ['the secretariat', callers.secretariat, true],
] as Array<[string, Identity, boolean]>)('a SUBMITTED event, read by %s', (_label, identity, visible) => {
  test.each(Object.entries(ROUTES))('through %s', async (_route, query) => {
    const result = await subgraph.query(query, { id: draftId, city: vienna, org: ORGANIZER_ORG }, identity);
    expect(result.errors).toBeUndefined();
    expect(JSON.stringify(result.data).includes('Unreviewed draft')).toBe(visible);
  });
});

test('totals count only what the caller may read', async () => {
  const anonymous = await subgraph.query<any>(ROUTES.city, { city: vienna });
  const organizer = await subgraph.query<any>(ROUTES.city, { city: vienna }, callers.organizer);
  expect(organizer.data._entities[0].events.totalCount - anonymous.data._entities[0].events.totalCount).toBe(1);
});

test('an explicit null for a required field is refused by name, and nothing changes', async () => {
  const result = await subgraph.query(
    `mutation($id: ID!) { updateEvent(id: $id, expectedVersion: 1, input: { title: null }) { title } }`,
    { id: draftId },
    callers.organizer,
  );
  expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'title' });
  const read = await subgraph.query<any>(ROUTES.direct, { id: draftId }, callers.organizer);
  expect(read.data.event.title).toBe('Unreviewed draft');
});

test("an organiser's edit to a published event waits for review; its capacity applies at once", async () => {
  const event = await createPublishedEvent(subgraph, { hostCityId: vienna, title: 'Reviewed session', capacity: 10 });
  const edit = await subgraph.query<any>(
    `mutation($id: ID!, $v: Int!) { updateEvent(id: $id, expectedVersion: $v, input: { title: "Retitled", startsAt: "2031-06-02T08:00:00Z", endsAt: "2031-06-02T10:00:00Z", capacity: 12 }) {
      title startsAt capacity status pendingChanges } }`,
    { id: event.id, v: event.version },
    callers.organizer,
  );
  expect(edit.errors).toBeUndefined();
  expect(edit.data.updateEvent).toMatchObject({ title: 'Reviewed session', capacity: 12, status: 'PUBLISHED' });
  expect(edit.data.updateEvent.pendingChanges).toMatchObject({
    title: 'Retitled',
    startsAt: '2031-06-02T08:00:00.000Z',
  });
  const version = (await subgraph.query<any>(`query($id: ID!) { event(id: $id) { version } }`, { id: event.id })).data
    .event.version;
  const approved = await subgraph.query<any>(
    `mutation($id: ID!, $v: Int!) { moderateEvent(id: $id, expectedVersion: $v, input: { decision: APPROVE }) { title startsAt endsAt pendingChanges } }`,
    { id: event.id, v: version },
    callers.secretariat,
  );
  expect(approved.data.moderateEvent).toEqual({
    title: 'Retitled',
    startsAt: '2031-06-02T08:00:00.000Z',
    endsAt: '2031-06-02T10:00:00.000Z',
    pendingChanges: null,
  });
});
