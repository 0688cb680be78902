import { countStatements, startTestSubgraph, type TestSubgraph } from '@hrc/dev-kit/testing';

import { eventsSubgraph, seedSyntheticEvents } from '../src/app';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startTestSubgraph(eventsSubgraph);
  await seedSyntheticEvents(subgraph.app.orm.em.fork(), { events: 20_000, registrationsPerEvent: 3 });
});
afterAll(() => subgraph.close());

test('the synthetic generator loads tens of thousands of events and registrations that read like any others', async () => {
  const [counts] = await subgraph.app.orm.em
    .getConnection()
    .execute<Array<{ events: number; registrations: number }>>(
      `select (select count(*)::int from events.event) as events, (select count(*)::int from events.registration) as registrations`,
    );
  expect(counts).toEqual({ events: 20_000, registrations: 60_000 });
  const query = `{ events(first: 100, filter: { accessibility: LIVE_CAPTIONS, language: "ko" }) {
    totalCount edges { node { title languages accessibility hostCity { id } organizer { id } seats { registered waitlisted remaining } } }
  } }`;
  const measured = await countStatements(subgraph.app.orm, () => subgraph.query<any>(query));
  expect(measured.result.errors).toBeUndefined();
  expect(measured.result.data.events.edges).toHaveLength(100);
  expect(measured.result.data.events.edges[0].node).toMatchObject({
    languages: ['en', 'ko'],
    accessibility: ['WHEELCHAIR_ACCESS', 'LIVE_CAPTIONS'],
  });
  expect(measured.result.data.events.edges[0].node.seats.registered).toBe(3);
  // The page with its total, then the seats: the total needs no statement of its own.
  expect(measured.statements).toHaveLength(2);
});
